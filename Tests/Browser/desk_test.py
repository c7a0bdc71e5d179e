"""Browser tests of the counter desk in a real headless Chromium (Selenium).

Starts `guichet serve --demo` on a fresh database and a real SMTP server (aiosmtpd), then does
what an agent does: sign in, type "cha" and see suggestions, filter by a commune and 10 km, add
three records, download the PDF (checked with pdftotext), record a request and send the reply.
Screenshots of every page, at tablet (1024×768) and desktop (1440×900) sizes, go to
test-output/browser/.

    .venv-tools/bin/python Tests/Browser/desk_test.py      (after `swift build`)
"""
import email
import email.policy
import glob
import json
import os
import subprocess
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from desk_support import DeskCase, tiny_pdf


class Desk(DeskCase):
    # ------------------------------------------------------------------ the agent's day
    def test_1_counter_flow(self):
        d = self.driver
        d.get(self.base + "/login")
        self.check_accessibility("login")
        self.shoot("01-login")
        self.sign_in("agent@annecy.demo")
        self.check_accessibility("search")

        # Suggestions as you type.
        q = d.find_element(By.ID, "q")
        q.send_keys("cha")
        self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#suggestions li")))
        suggestions = d.find_elements(By.CSS_SELECTOR, "#suggestions li")
        self.assertGreater(len(suggestions), 0)
        self.assertTrue(all("cha" in s.text.lower() for s in suggestions[:3]), [s.text for s in suggestions])
        q.send_keys(Keys.ARROW_DOWN)
        self.assertEqual(d.find_element(By.ID, "suggestion-0").get_attribute("aria-selected"), "true")
        self.shoot("02-suggestions")
        self.audit("search with its suggestions open")
        q.send_keys(Keys.ESCAPE)
        q.clear()

        # A commune and 10 km.
        d.find_element(By.ID, "near").send_keys("Annecy")
        radius = d.find_element(By.ID, "radius")
        d.execute_script("arguments[0].value = 10; arguments[0].dispatchEvent(new Event('input'));", radius)
        d.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]").click()
        self.wait.until(lambda _: "autour de" in d.find_element(By.ID, "status").text)
        # The count is where the agent looks, and read out: the focus moves to it.
        self.assertEqual(d.switch_to.active_element.get_attribute("id"), "status")
        rows = self.wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, "#results .result"))
        distances = [r.find_element(By.CSS_SELECTOR, ".meta").text for r in rows]
        self.assertTrue(all(" km" in m for m in distances[:5]), distances[:5])
        self.assertTrue(all(float(m.split(" km")[0].split(" · ")[-1]) <= 10.0 for m in distances), distances)
        self.shoot("03-results")

        # Three records into the basket.
        names = []
        for row in rows[:3]:
            names.append(row.find_element(By.TAG_NAME, "h3").text)
            row.find_element(By.CSS_SELECTOR, "button.add").click()
        # Three clicks in a row, no pause: the server keeps every addition (one transaction each).
        self.wait.until(lambda _: d.find_element(By.ID, "basket-count").text == "3")
        # Each result added says so; a second press takes it out again, and the basket says so to screen readers.
        pressed = [r.find_element(By.CSS_SELECTOR, "button.add") for r in rows[:3]]
        self.wait.until(lambda _: all(b.text == "Dans le panier ✓" and b.get_attribute("aria-pressed") == "true" for b in pressed))
        pressed[2].click()
        self.wait.until(lambda _: d.find_element(By.ID, "basket-count").text == "2")
        self.assertIn("retiré du panier", d.find_element(By.ID, "basket-announce").get_attribute("textContent"))
        self.assertEqual(pressed[2].text, "Ajouter au panier")
        pressed[2].click()
        self.wait.until(lambda _: d.find_element(By.ID, "basket-count").text == "3")
        stored = json.loads(self.fetch("/api/basket")[0])
        self.assertEqual(len(stored["items"]), 3, stored)
        basket = [li.text for li in d.find_elements(By.CSS_SELECTOR, "#basket-items li")]
        self.assertEqual(len(basket), 3)
        # Reorder: the second moves up.
        d.find_elements(By.CSS_SELECTOR, "#basket-items li")[1].find_elements(By.TAG_NAME, "button")[0].click()
        self.wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, "#basket-items li")[0].text.startswith(names[1]))
        names = [names[1], names[0], names[2]]

        # Preview and PDF.
        Select(d.find_element(By.ID, "basket-layout")).select_by_value("liste-a4")
        self.wait.until(lambda _: json.loads(self.fetch("/api/basket")[0])["layout"] == "liste-a4")
        d.find_element(By.ID, "basket-preview").click()
        self.wait.until(lambda _: d.execute_script("const i = document.getElementById('basket-preview-image'); return !i.hidden && i.complete && i.naturalWidth > 0;"))
        # The pages large enough to read (wider than the basket panel), in a dialog that closes with Escape.
        self.assertTrue(d.execute_script("return document.getElementById('preview-dialog').open"))
        self.assertGreater(d.execute_script("return document.getElementById('basket-preview-image').getBoundingClientRect().width"),
                           d.execute_script("return document.getElementById('basket').getBoundingClientRect().width"))
        self.shoot("04b-preview-pages")
        d.find_element(By.ID, "preview-close").click()
        self.wait.until(lambda _: not d.execute_script("return document.getElementById('preview-dialog').open"))
        self.shoot("04-basket")
        pdf, headers = self.fetch("/basket.pdf")
        self.assertEqual(headers["Content-Type"], "application/pdf")
        path = os.path.join(self.work, "basket.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True).stdout
        for name in names:
            self.assertIn(name, text)
        self.assertLess(text.index(names[0]), text.index(names[1]))

        # A request at the counter, with the basket.
        d.get(self.base + "/requests/new")
        self.check_accessibility("request-new")
        for value in ["famille", "BE"]:
            d.find_element(By.CSS_SELECTOR, "input[value='%s'] + span" % value).click()
        d.find_element(By.CSS_SELECTOR, "input[name=theme][value='patrimoine'] + span").click()
        # The theme's sub-themes show once it is ticked.
        sub = d.find_element(By.CSS_SELECTOR, "input[name=theme][value='patrimoine/naturel']")
        self.assertTrue(sub.is_displayed())
        self.assertFalse(d.find_element(By.CSS_SELECTOR, "input[name=theme][value='gastronomie/producteurs']").is_displayed())
        sub.click()
        # The origin commune offers the gazetteer's communes; picking one fills its department.
        commune = d.find_element(By.ID, "commune")
        commune.send_keys("Annecy")
        WebDriverWait(d, 5).until(lambda _: d.execute_script("return document.querySelectorAll('#commune-choices option').length") > 0)
        d.execute_script("const c = document.getElementById('commune'); c.value = document.querySelector('#commune-choices option').value;"
                         "c.dispatchEvent(new Event('input'));")
        self.assertEqual(d.find_element(By.ID, "department").get_attribute("value"), "74")
        self.assertEqual(commune.get_attribute("value"), "Annecy")
        d.execute_script("document.getElementById('commune').value = ''; document.getElementById('department').value = '';")
        d.find_element(By.CSS_SELECTOR, "input[name=requestType][value='information-touristique'] + span").click()
        d.find_element(By.CSS_SELECTOR, "input[name=zone][value='local'] + span").click()
        Select(d.find_element(By.ID, "accommodation")).select_by_value("camping")
        # The nights follow from the dates; a couple is two, a family's size is asked.
        d.execute_script("for (const [id, v] of [['stayFrom', '2026-07-14'], ['stayTo', '2026-07-18']]) {"
                         " const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); }")
        self.assertEqual(d.find_element(By.ID, "nights").get_attribute("value"), "4")
        d.find_element(By.CSS_SELECTOR, "input[name=partyKind][value=couple] + span").click()
        self.assertEqual(d.find_element(By.ID, "partySize").get_attribute("value"), "2")
        d.find_element(By.CSS_SELECTOR, "input[name=partyKind][value=famille] + span").click()
        self.assertEqual(d.switch_to.active_element.get_attribute("id"), "partySize")
        d.find_element(By.ID, "partySize").send_keys("4")
        # A reply by e-mail opens the visitor's details (a disclosure that shows it opens and closes).
        self.assertIsNone(d.find_element(By.ID, "contact-details").get_attribute("open"))
        Select(d.find_element(By.ID, "responseMode")).select_by_value("email")
        self.assertIsNotNone(d.find_element(By.ID, "contact-details").get_attribute("open"))
        Select(d.find_element(By.ID, "civility")).select_by_visible_text("Mme")
        d.find_element(By.ID, "firstName").send_keys("Anke")
        d.find_element(By.ID, "lastName").send_keys("Janssens")
        d.find_element(By.ID, "email").send_keys("anke.janssens@example.be")
        # She would like the office's news: the box asks her to confirm by email.
        d.find_element(By.CSS_SELECTOR, "input[name=consent][value=own]").click()
        self.shoot("05-request-new")
        d.find_element(By.CSS_SELECTOR, "form.counter button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "reponse")))
        self.assertIn("Janssens", d.page_source)
        for name in names:
            self.assertIn(name, d.find_element(By.TAG_NAME, "main").text)
        self.shoot("06-request")
        # No page scrolls sideways at 1024 px (a long consent link once made this one 3,430 px wide);
        # at 1440 px the navigation holds on one row.
        self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth - innerWidth"), 0)
        d.set_window_size(1440, 900)
        rows = d.execute_script("return new Set([...document.querySelectorAll('header nav a')].map(a => Math.round(a.getBoundingClientRect().top))).size")
        d.set_window_size(1024, 768)
        self.assertEqual(rows, 1)

        # The reply, brochure attached, to the SMTP server.
        d.find_element(By.CSS_SELECTOR, "#reponse button[type=submit]").click()
        self.wait.until(lambda _: "Envoyée" in d.find_element(By.CSS_SELECTOR, "ul.outbox").text)
        # What became of it, where the agent looks: at the top of the reply box, in view.
        outcome = d.find_element(By.CSS_SELECTOR, "#reponse p[role=status]")
        self.assertIn("Réponse envoyée à anke.janssens@example.be", outcome.text)
        self.assertTrue(d.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", outcome))
        self.shoot("07-reply-sent")
        messages = []
        for path in sorted(glob.glob(os.path.join(self.mailbox, "*.eml"))):
            with open(path, "rb") as f:
                messages.append(email.message_from_binary_file(f, policy=email.policy.default))
        self.assertEqual(len(messages), 2, [m["Subject"] for m in messages])
        confirmation = next(m for m in messages if "Confirmez" in m["Subject"])
        message = next(m for m in messages if m is not confirmation)
        self.assertIn("anke.janssens@example.be", message["To"])
        self.assertIn("anke.janssens@example.be", confirmation["To"])
        self.assertIn("Bonjour Mme Janssens", message.get_body(("plain",)).get_content())
        attachment = next(part for part in message.iter_attachments())
        self.assertEqual(attachment.get_content_type(), "application/pdf")
        mailed = os.path.join(self.work, "mailed.pdf")
        with open(mailed, "wb") as f:
            f.write(attachment.get_payload(decode=True))
        mailed_text = subprocess.run(["pdftotext", "-enc", "UTF-8", mailed, "-"], capture_output=True, text=True).stdout
        for name in names:
            self.assertIn(name, mailed_text)

        # The contact, then the visitor confirms from her email: the contact page shows it.
        d.find_element(By.CSS_SELECTOR, "dl.facts a[href^='/contacts/']").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "h1")))
        self.assertIn("Janssens", d.find_element(By.TAG_NAME, "h1").text)
        contact_url = d.current_url
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#consentement tr.consent-pending"))
        link = next(word for word in confirmation.get_body(("plain",)).get_content().split() if "/consent/confirm/" in word)
        d.get(self.base + link[link.index("/consent/confirm/"):])
        self.check_accessibility("consent-confirm")
        self.assertIn("Office de Tourisme du Lac d'Annecy", d.find_element(By.TAG_NAME, "main").text)
        self.assertNotIn('"tier"', d.find_element(By.TAG_NAME, "main").text)
        self.shoot("15-consent-confirm")
        d.find_element(By.CSS_SELECTOR, "form[action^='/consent/confirm/'] button").click()
        self.wait.until(lambda _: "votre accord est enregistré" in d.find_element(By.TAG_NAME, "main").text)
        d.get(contact_url)
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#consentement tr.consent-confirmed")))
        self.assertIn("127.0.0.1", d.find_element(By.ID, "consentement").text)
        self.shoot("08-contact")
        d.get(self.base + "/requests")
        self.shoot("09-requests")
        d.get(self.base + "/stats")
        self.assertIn("demandes", d.find_element(By.TAG_NAME, "main").text)
        self.assertTrue(d.execute_script("return [...document.querySelectorAll('img.chart')].every(i => i.complete && i.naturalWidth > 0);"))
        self.shoot("10-stats")

    def test_2_admin_pages(self):
        self.sign_in("admin@annecy.demo")
        self.driver.get(self.base + "/admin")
        self.check_accessibility("admin")
        self.assertIn("Charte des brochures", self.driver.page_source)
        self.assertIn("Historique des comptes", self.driver.page_source)
        self.shoot("11-admin-office")
        self.driver.get(self.base + "/account")
        self.check_accessibility("account")
        self.assertIn("Changer de mot de passe", self.driver.page_source)
        self.shoot("14-account")
        self.sign_in("region@guichet.demo")
        self.assertIn("/admin", self.driver.current_url)
        self.assertIn("Thèmes régionaux", self.driver.page_source)
        self.shoot("12-admin-region")

    def test_5_office_document_and_web_form(self):
        d = self.driver
        # The office admin uploads its town map (a real PDF) and declares its website.
        pdf_path = os.path.join(self.work, "plan-ville.pdf")
        with open(pdf_path, "wb") as f:
            f.write(tiny_pdf("Plan de la ville d'Annecy"))
        self.sign_in("admin@annecy.demo")
        d.get(self.base + "/admin/documents")
        self.check_accessibility("documents")
        d.find_element(By.ID, "document-title").send_keys("Plan de la ville")
        d.find_element(By.ID, "document-file").send_keys(pdf_path)
        d.find_element(By.CSS_SELECTOR, "#document-upload button[type=submit]").click()
        self.wait.until(lambda _: "ok=documentAdded" in d.current_url or d.find_element(By.ID, "document-error").is_displayed())
        self.assertIn("Plan de la ville", d.find_element(By.ID, "documents").text, d.find_element(By.ID, "document-error").text)
        self.shoot("16-documents")
        d.get(self.base + "/admin/web-form")
        self.check_accessibility("web-form-admin")
        d.find_element(By.ID, "wf-origins").send_keys("https://www.lac-annecy.example")
        d.find_element(By.CSS_SELECTOR, "form[action='/admin/web-form'] button[type=submit]").click()
        self.wait.until(lambda _: "https://www.lac-annecy.example" in d.find_element(By.ID, "wf-origins").get_attribute("value"))
        self.shoot("17-web-form-admin")
        form_url = d.find_element(By.ID, "wf-page").get_attribute("href")

        # A visitor writes from the office's website (the framed page, no session).
        d.delete_all_cookies()
        d.get(self.base + form_url[form_url.index("/forms/"):])
        self.check_accessibility("web-form")
        d.find_element(By.ID, "wf-last").send_keys("Okafor")
        d.find_element(By.ID, "wf-first").send_keys("Ada")
        d.find_element(By.ID, "wf-email").send_keys("ada.okafor@example.org")
        Select(d.find_element(By.ID, "wf-country")).select_by_value("GB")
        d.find_element(By.ID, "wf-message").send_keys("Bonjour, quels musées ouvrent le lundi ?")
        self.shoot("18-web-form")
        d.find_element(By.CSS_SELECTOR, "#web-form button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "web-form-sent")))

        # The agent finds the web request, puts the town map in the basket with a record, and replies.
        self.sign_in("agent@annecy.demo")
        d.get(self.base + "/requests")
        self.assertIn("Okafor", d.find_element(By.TAG_NAME, "main").text)
        d.get(self.base + "/")
        d.find_element(By.CSS_SELECTOR, "#documents-only + span").click()
        self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#documents-found li.document")))
        d.find_element(By.CSS_SELECTOR, "#documents-found li.document button.add").click()
        self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#basket-documents li")))
        self.assertIn("Plan de la ville", d.find_element(By.ID, "basket-documents").text)
        self.shoot("19-search-documents")
        self.record_visitor("Okafor", "ada.okafor@example.org")
        self.assertIn("Plan de la ville", d.find_element(By.ID, "reponse").get_attribute("innerHTML"))
        self.send_reply()
        messages = []
        for path in sorted(glob.glob(os.path.join(self.mailbox, "*.eml"))):
            with open(path, "rb") as f:
                messages.append(email.message_from_binary_file(f, policy=email.policy.default))
        reply = next(m for m in messages if "ada.okafor@example.org" in m["To"] and "Confirmez" not in m["Subject"])
        names = [part.get_filename() for part in reply.iter_attachments()]
        self.assertIn("plan-ville.pdf", names)
        document = next(part for part in reply.iter_attachments() if part.get_filename() == "plan-ville.pdf")
        with open(pdf_path, "rb") as f:
            self.assertEqual(document.get_payload(decode=True), f.read())

        # The statistics: the map of départements.
        d.get(self.base + "/stats")
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#department-map rect"))
        self.shoot("20-stats-map")

    def test_4_english_is_the_second_language(self):
        self.sign_in("agent@annecy.demo")
        d = self.driver
        d.find_element(By.CSS_SELECTOR, "header a.lang").click()
        self.wait.until(lambda _: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        nav = d.find_element(By.CSS_SELECTOR, "header nav").text
        self.assertIn("Requests", nav)
        self.assertIn("New request", nav)
        self.assertEqual(d.find_element(By.CSS_SELECTOR, "label[for=q]").text, "Record name")
        self.check_accessibility("search-en")
        d.find_element(By.ID, "q").send_keys("cha")
        d.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]").click()
        self.wait.until(lambda _: " record" in d.find_element(By.ID, "status").text)
        self.assertIn(d.find_element(By.CSS_SELECTOR, "#results button.add").text, ("Add to basket", "In the basket ✓"))
        self.shoot("13-search-english")
        d.find_element(By.CSS_SELECTOR, "header a.lang").click()
        self.wait.until(lambda _: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")

    def test_3_focus_is_visible(self):
        self.sign_in("agent@annecy.demo")
        d = self.driver
        d.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        d.find_element(By.ID, "q").click()
        d.find_element(By.ID, "q").send_keys(Keys.TAB)
        outline = d.execute_script("const e = document.activeElement; const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth];")
        self.assertNotEqual(outline[0], "none")
        self.assertNotEqual(outline[1], "0px")


    def test_6_every_page_passes_the_audit(self):
        d = self.driver
        pages = {
            "admin@annecy.demo": ["/", "/entry", "/requests", "/requests/new", "/contacts", "/stats", "/campaigns", "/admin", "/account",
                                  "/admin/documents", "/admin/web-form", "/contacts/import", "/register", "/audit"],
            "agent@chambery.demo": ["/", "/requests", "/contacts", "/stats", "/account"],
            "region@guichet.demo": ["/admin", "/admin/apidae", "/stats", "/account"],
        }
        for who, paths in pages.items():
            self.sign_in(who)
            for path in paths:
                d.get(self.base + path)
                self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main")))
                self.audit(who + " " + path)
            # A request and a contact of the office, opened from their lists.
            if who == "admin@annecy.demo":
                for listing, pattern in (("/requests", "a[href^='/requests/']"), ("/contacts", "a[href^='/contacts/']")):
                    d.get(self.base + listing)
                    links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, pattern)
                             if a.get_attribute("href").rstrip("/").split("/")[-1].isdigit()]
                    self.assertTrue(links, listing)
                    d.get(links[0])
                    self.audit(who + " " + links[0])

if __name__ == "__main__":
    unittest.main(verbosity=2)
