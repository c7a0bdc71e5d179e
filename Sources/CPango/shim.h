#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/* PANGO_FC_FONT_MAP() is a cast macro Swift does not import. */
static inline PangoFcFontMap *guichet_pango_fc_font_map(PangoFontMap *map) { return (PangoFcFontMap *)map; }
