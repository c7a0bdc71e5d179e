"""Signs `who` in N times at BASE (one session each, as N agents' browsers) and prints a
"cookie csrf" line per session, for wrk's counter.lua.   python3 sign-in.py BASE N [who]"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, count = sys.argv[1], int(sys.argv[2])
who = sys.argv[3] if len(sys.argv) > 3 else "agent@annecy.demo"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


for _ in range(count):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"_csrf": token, "email": who, "password": "guichet-demo"}).encode()
    try:
        opener.open(base + "/login", form)
    except urllib.error.HTTPError as answer:
        if answer.code != 303:
            raise
    cookie = next(c.value for c in jar if c.name == "guichet_session")
    html = opener.open(base + "/stats").read().decode()
    print(cookie, re.search(r'name="csrf" content="([^"]+)"', html).group(1))
