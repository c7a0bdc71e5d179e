"""The desk on a tablet without network, in a real headless Chromium (Selenium).

The browser reaches Guichet through a relay whose cable the test pulls (network_cut.py) — the
service worker loses the network too, as at a fair — and the page is told it is offline (DevTools
emulation, so `navigator.onLine` and the online/offline events are the browser's own). An agent
records three entries offline, reloads the page offline (the app opens), gets the network back:
the two valid entries are recorded once, the invalid one comes back with its reason and is
corrected; a duplicate send records nothing; signing out offline leaves nothing on the device.
Screenshots at 1024×768 and 768×1024 go to test-output/browser/.

    .venv-tools/bin/python Tests/Browser/tablet_test.py      (after `swift build`)
"""
import json
import os
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from desk_support import OUTPUT, DeskCase
from network_cut import NetworkCut


class Tablet(DeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cable = NetworkCut(cls.port)
        cls.tablet = "http://127.0.0.1:%d" % cls.cable.port

    @classmethod
    def tearDownClass(cls):
        cls.cable.close()
        super().tearDownClass()

    # ------------------------------------------------------------------ helpers
    def offline(self, cut):
        (self.cable.cut if cut else self.cable.restore)()
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                                    {"offline": cut, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    def shoot_tablet(self, name):
        d = self.driver
        for width, height, orientation in ((1024, 768, "landscape"), (768, 1024, "portrait")):
            d.set_window_size(width, height)
            d.execute_script("window.scrollTo(0, 0)")
            d.save_screenshot(os.path.join(OUTPUT, "%s-%s.png" % (name, orientation)))
        d.set_window_size(1024, 768)

    def tap(self, selector):
        self.driver.execute_script("arguments[0].click()", self.driver.find_element(By.CSS_SELECTOR, selector))

    def keypad(self, digits):
        self.tap('.keypad button[data-key="clear"]')
        for digit in digits:
            self.tap('.keypad button[data-key="%s"]' % digit)

    def queued(self):
        return self.driver.execute_async_script(
            "const done = arguments[0]; window.guichetDevice.entries().then((all) => done(all.map((e) => [e.entryId, e.status, e.reason || ''])));")

    def server_entries(self):
        """The office's requests that came from a device, by device id."""
        requests = json.loads(self.fetch("/api/requests")[0])
        return {r["entryID"]: r for r in requests if r.get("entryID")}

    def post_entry(self, body):
        return self.driver.execute_async_script("""
            const done = arguments[1];
            fetch('/api/entries', {method: 'POST', credentials: 'same-origin', body: JSON.stringify(arguments[0]),
              headers: {'Content-Type': 'application/json', 'X-CSRF-Token': document.querySelector('meta[name=csrf]').content}})
            .then(async (r) => done([r.status, await r.json()])).catch((e) => done([0, String(e)]));""", body)

    def open_quick_entry_until_kept(self):
        """Online: the page, its gazetteer and the office's records are kept by the service worker."""
        d = self.driver
        # The worker installs (again after a sign-out cleared the device), then takes the page. An
        # install that cannot finish fails after 15 s (sw.js) and the page, opened again as an
        # agent would, installs it again.
        d.set_script_timeout(30)
        for _ in range(4):
            d.get(self.tablet + "/entry")
            if d.execute_async_script("""const done = arguments[0];
                    Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 20000))]).then(done);"""):
                break
        if not d.execute_script("return !!navigator.serviceWorker.controller"):
            d.get(self.tablet + "/entry")
        self.wait.until(lambda _: d.execute_script("return !!navigator.serviceWorker.controller"))
        self.wait.until(lambda _: "fiches de l'office" in d.find_element(By.ID, "own-status").text)
        kept = d.execute_async_script("const done = arguments[0]; caches.open('guichet-v1').then((c) => c.keys()).then((k) => done(k.map((r) => new URL(r.url).pathname)));")
        for path in ("/entry", "/static/offline.js", "/api/communes/all", "/api/records/offline"):
            self.assertIn(path, kept)

    # ------------------------------------------------------------------ an hour at a fair
    def test_1_entries_offline_are_sent_once_when_the_network_returns(self):
        d = self.driver
        self.sign_in("agent@chambery.demo", base=self.tablet)
        self.open_quick_entry_until_kept()
        self.check_accessibility("quick entry online")
        self.shoot_tablet("20-quick-entry")
        before = self.server_entries()

        # setup: the network goes; the page says so.
        self.offline(True)
        d.get(self.tablet + "/entry")
        self.wait.until(lambda _: "Hors ligne" in d.find_element(By.ID, "net-state").text)
        # A page that needs the network opens the quick entry instead of an error.
        d.get(self.tablet + "/contacts")
        self.wait.until(lambda _: d.current_url.endswith("/entry"))

        # MUT: three entries on a stand, one of them wrong (0 people).
        self.tap('input[name=contactMode][value=salon] + span')
        # The commune from the gazetteer kept on the device, as picking a suggestion fills it.
        origin = d.find_element(By.ID, "origin")
        origin.send_keys("Chamb")
        choice = self.wait.until(lambda _: d.execute_script(
            "return [...document.querySelectorAll('#origin-choices option')].map((o) => o.value).find((v) => v.startsWith('Chambéry ('))"))
        origin.clear()
        origin.send_keys(choice)
        self.keypad("4")
        self.tap('input[name=partyKind][value=famille] + span')
        self.tap('input[name=requestType] + span')
        self.tap('input[name=theme] + span')
        self.tap("#quick-main button[type=submit]")
        self.wait.until(lambda _: len(self.queued()) == 1)
        self.assertEqual(d.find_element(By.CSS_SELECTOR, 'input[name=contactMode]:checked').get_attribute("value"), "salon",
                         "the contact mode stays for the next visitor")

        self.tap('input[name=country][value=BE] + span')
        self.keypad("2")
        self.tap("#quick-next")
        d.find_element(By.ID, "quick-last-name").send_keys("Peeters")
        d.find_element(By.ID, "quick-email").send_keys("peeters@example.org")
        d.find_element(By.ID, "quick-notes").send_keys("Salon des vacances, stand 12")
        self.tap("#quick-details button[type=submit]")
        self.wait.until(lambda _: len(self.queued()) == 2)

        self.keypad("0")
        self.tap('input[name=zone] + span')
        self.tap("#quick-main button[type=submit]")
        self.wait.until(lambda _: len(self.queued()) == 3)
        self.assertEqual(d.find_element(By.ID, "queue-count").text, "3")
        self.assertFalse(d.find_element(By.ID, "queue-badge").get_attribute("hidden") is not None)

        # The page reloaded without network: the app opens, the entries are still there.
        d.get(self.tablet + "/entry")
        self.wait.until(lambda _: len(d.find_elements(By.CSS_SELECTOR, "#queue-list li")) == 3)
        self.assertIn("3 saisie(s) en attente", d.find_element(By.ID, "queue-status").text)
        self.audit("quick entry offline")
        self.shoot_tablet("21-quick-entry-offline")
        self.assertEqual(self.server_entries(), before, "nothing reached the server while offline")

        # The network returns: sent once, the invalid one kept with the server's reason.
        self.offline(False)
        self.wait.until(lambda _: [e[1] for e in self.queued()] == ["rejected"] or d.find_element(By.ID, "send-now").click())
        reason = self.queued()[0][2]
        self.assertIn("Nombre de personnes", reason)
        self.wait.until(lambda _: "Refusée" in d.find_element(By.CSS_SELECTOR, "#queue-list li").text)
        after = self.server_entries()
        new = {k: v for k, v in after.items() if k not in before}
        self.assertEqual(len(new), 2, new)
        family = next(r for r in new.values() if r.get("party", {}).get("kind") == "famille")
        self.assertEqual((family["contactMode"], family.get("originCommune"), family.get("originDepartment"), family["party"]["size"]),
                         ("salon", "Chambéry", "73", 4))
        self.assertIsNone(family.get("contactID"), "an anonymous visitor is no contact")
        belgian = next(r for r in new.values() if r.get("originCountry") == "BE")
        self.assertIsNotNone(belgian.get("contactID"))
        self.assertEqual(belgian.get("notes"), "Salon des vacances, stand 12")
        self.shoot_tablet("22-quick-entry-rejected")

        # A device sending an entry again (its answer was lost): one request.
        entry_id = next(iter(new))
        status, body = self.post_entry({"entryId": entry_id, "fields": {"contactMode": "salon", "partySize": "4"}})
        self.assertEqual((status, body["replayed"], body["requestId"]), (200, True, new[entry_id]["id"]))
        self.assertEqual(len(self.server_entries()), len(after))

        # The refused entry corrected on the device and sent.
        self.tap("#queue-list li button.edit")
        self.assertEqual(d.find_element(By.ID, "quick-party-size").get_attribute("value"), "0")
        self.keypad("3")
        self.tap("#quick-main button[type=submit]")
        self.wait.until(lambda _: self.queued() == [])
        self.wait.until(lambda _: "Demande n°" in d.find_element(By.ID, "quick-result").text)
        self.assertEqual(len(self.server_entries()), len(after) + 1)
        self.assertTrue(d.find_element(By.ID, "queue-badge").get_attribute("hidden") is not None)

    def test_2_office_records_and_basket_offline(self):
        d = self.driver
        self.open_quick_entry_until_kept()
        self.offline(True)
        d.get(self.tablet + "/entry")
        first = d.execute_async_script(
            "const done = arguments[0]; caches.match('/api/records/offline').then((r) => r.json()).then((j) => done(j.records[0]));")
        box = d.find_element(By.ID, "own-q")
        box.send_keys(first["name"].split()[0])
        self.wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#own-results li[data-id="%d"]' % first["id"]))
        d.find_element(By.CSS_SELECTOR, '#own-results li[data-id="%d"] button.add' % first["id"]).click()
        self.wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#device-basket li[data-id="%d"]' % first["id"]))
        self.audit("quick entry offline, office records")
        # Back online: the record joins the account's basket, where the brochure is made.
        self.offline(False)
        self.wait.until(lambda _: any(i["id"] == first["id"] for i in json.loads(self.fetch("/api/basket")[0])["items"]))
        self.wait.until(lambda _: not d.find_elements(By.CSS_SELECTOR, '#device-basket li[data-id]'))

    def test_3_offline_session_ends_and_sign_out_leaves_nothing(self):
        d = self.driver
        self.open_quick_entry_until_kept()
        self.offline(True)
        # An entry still waiting at sign-out: the agent must send or discard it.
        d.get(self.tablet + "/entry")
        self.keypad("5")
        self.tap("#quick-main button[type=submit]")
        self.wait.until(lambda _: len(self.queued()) == 1)
        self.tap("#logout-form button")
        dialog = self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "dialog.sign-out")))
        self.assertIn("1 saisie(s) ne sont pas envoyées", dialog.text)
        d.find_element(By.ID, "logout-discard").click()
        self.wait.until(lambda _: "Déconnecté de cette tablette" in d.find_element(By.ID, "main").text)
        left = d.execute_async_script("""const done = arguments[0];
            Promise.all([indexedDB.databases(), caches.keys()]).then(([dbs, names]) =>
              done({dbs: dbs.map((b) => b.name), caches: names, session: localStorage.getItem('guichet.session')}));""")
        self.assertEqual(left, {"dbs": [], "caches": [], "session": None})
        # Back online, the server's session is closed too.
        self.offline(False)
        d.get(self.tablet + "/entry")
        self.wait.until(lambda _: "/login" in d.current_url)
        d.get(self.tablet + "/requests")
        self.wait.until(lambda _: "/login" in d.current_url)

    def test_4_offline_entry_stops_when_the_session_would_have_ended(self):
        d = self.driver
        self.sign_in("agent@chambery.demo", base=self.tablet)
        self.open_quick_entry_until_kept()
        self.offline(True)
        d.execute_script("const s = JSON.parse(localStorage.getItem('guichet.session')); s.expires = '2000-01-01T00:00:00Z';"
                         "localStorage.setItem('guichet.session', JSON.stringify(s));")
        d.get(self.tablet + "/entry")
        self.wait.until(EC.visibility_of_element_located((By.ID, "session-ended")))
        self.assertFalse(d.find_element(By.CSS_SELECTOR, "#quick-main button[type=submit]").is_enabled())
        self.offline(False)


if __name__ == "__main__":
    unittest.main(verbosity=2)
