#include <zlib.h>

/* inflateInit is a macro (it passes the library's version and the stream's size): a function here. */
static inline int czlib_inflate_init(z_stream *stream) { return inflateInit(stream); }
static inline int czlib_deflate_init(z_stream *stream, int level) { return deflateInit(stream, level); }
