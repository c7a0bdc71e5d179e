-- wrk: /api/suggest with what agents type (1–4 letters of common name words), one per request.
local prefixes = {"c", "ch", "cha", "chat", "h", "ho", "hot", "hote", "g", "gi", "git", "gite", "ca", "cam", "camp",
                  "res", "rest", "mus", "musé", "la", "lac", "mo", "mon", "mont", "fe", "fet", "fête", "ma", "mai", "mais",
                  "pla", "plag", "vi", "vil", "vill", "be", "bel", "belv", "do", "dom", "doma", "sa", "sai", "sain"}
local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local counter = 0
request = function()
  counter = counter + 1
  local q = prefixes[(counter % #prefixes) + 1]
  return wrk.format("GET", "/api/suggest?scope=region&q=" .. encode(q))
end
