"""What a busy desk does to the server while wrk measures /api/suggest: REPLIES replies sent at
once to a mail server that never answers, and SIGNINS sign-ins in parallel (bcrypt). Prints how
long each group took.   python3 scripts/bench/disturb.py BASE TOKEN REPLIES SIGNINS"""
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

base, token, replies, signins = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def reply(request_id, times):
    started = time.time()
    req = urllib.request.Request(f"{base}/api/requests/{request_id}/reply", data=json.dumps({"attachBasket": False}).encode(),
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    times.append((time.time() - started, status))


def sign_in(times):
    started = time.time()
    # The form's token and its cookie, as a browser gets them.
    with urllib.request.urlopen(f"{base}/login") as page:
        cookie = (page.headers["Set-Cookie"] or "").split(";")[0]
        found = re.search(r'name="_csrf" value="([0-9a-f]+)"', page.read().decode())
    fields = {"email": "agent@annecy.demo", "password": "guichet-demo"}
    if found:  # servers before the sign-in token had none
        fields["_csrf"] = found.group(1)
    body = urllib.parse.urlencode(fields).encode()
    req = urllib.request.Request(f"{base}/login", data=body, headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
                                 method="POST")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=120) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    times.append((time.time() - started, status))


# Requests of office 1 that have a contact with an email address (the demo seeds one in four).
req = urllib.request.Request(f"{base}/api/requests", headers={"Authorization": f"Bearer {token}"})
with urllib.request.urlopen(req) as r:
    ids = [x["id"] for x in json.load(r) if x.get("contactID")][:replies]
reply_times, signin_times = [], []
threads = [threading.Thread(target=reply, args=(i, reply_times)) for i in ids]
threads += [threading.Thread(target=sign_in, args=(signin_times,)) for _ in range(signins)]
for t in threads:
    t.start()
time.sleep(25)
print(f"disturbance: {len(ids)} replies to a silent mail server, {signins} sign-ins in parallel")
print("  sign-ins done: %d of %d, statuses %s, slowest %.2f s" % (len(signin_times), signins, sorted({s for _, s in signin_times}),
                                                                  max((t for t, _ in signin_times), default=0)))
print("  replies answered while wrk ran: %d of %d" % (len(reply_times), len(ids)))
