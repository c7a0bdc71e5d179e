"""What the browser tests share: `guichet serve --demo` on a fresh database, a real SMTP server
(aiosmtpd), headless Chromium, and the checks every page goes through (axe-core audit, labels,
44 px targets). Screenshots go to test-output/browser/."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUTPUT = os.path.join(ROOT, "test-output", "browser")
PASSWORD = "guichet-demo"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(process, text, timeout=180):
    deadline = time.time() + timeout
    lines = []
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        lines.append(line)
        if text in line:
            return line
    raise RuntimeError("never saw %r; output:\n%s" % (text, "".join(lines)))


def tiny_pdf(text):
    """A valid one-page PDF showing `text`, written by hand: an office's own document."""
    stream = "BT /F1 24 Tf 72 720 Td (%s) Tj ET" % text.replace("(", "\\(").replace(")", "\\)")
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream.encode("latin-1")), stream)]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (i + 1, body)).encode("latin-1")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode()
    out += b"".join(("%010d 00000 n \n" % o).encode() for o in offsets)
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)).encode()
    return out


class DeskCase(unittest.TestCase):
    """A fresh demo server, a real SMTP server and headless Chromium, shared by a class's tests."""
    @classmethod
    def setUpClass(cls):
        os.makedirs(OUTPUT, exist_ok=True)
        cls.work = tempfile.mkdtemp(prefix="guichet-browser-")
        cls.mailbox = os.path.join(cls.work, "mail")
        os.makedirs(cls.mailbox)
        cls.smtp = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/Support/Python/smtp_server.py"), "--dir", cls.mailbox],
                                    stdout=subprocess.PIPE, text=True)
        smtp_port = int(wait_for(cls.smtp, "ready").split()[1])
        cls.port = free_port()
        binary = os.environ.get("GUICHET_BINARY", os.path.join(ROOT, ".build/debug/guichet"))
        env = dict(os.environ, GUICHET_SMTP_URL="smtp://127.0.0.1:%d?starttls=never" % smtp_port, GUICHET_SMTP_FROM="accueil@annecy.demo")
        cls.server = subprocess.Popen([binary, "serve", "--db", os.path.join(cls.work, "desk.sqlite"), "--demo", "--demo-records", "2000",
                                       "--port", str(cls.port), "--photo-cache", "none"], cwd=ROOT, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wait_for(cls.server, "listening")
        cls.base = "http://127.0.0.1:%d" % cls.port
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,768", "--lang=fr-FR"]:
            options.add_argument(argument)
        cls.downloads = os.path.join(cls.work, "downloads")
        options.add_experimental_option("prefs", {"download.default_directory": cls.downloads, "download.prompt_for_download": False})
        service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        cls.driver = webdriver.Chrome(options=options, service=service)
        cls.driver.set_window_size(1024, 768)
        # A page replaced while waiting (a form's redirect) is waited through, not an error.
        # A page replaced while a wait reads it (Chromium: "Node ... does not belong to the document")
        # is read again; an error that lasts still fails the wait at its timeout.
        cls.wait = WebDriverWait(cls.driver, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        for process in (cls.server, cls.smtp):
            process.kill()
            process.wait()
        shutil.rmtree(cls.work, ignore_errors=True)

    # ------------------------------------------------------------------ helpers
    def shoot(self, name):
        self.driver.set_window_size(1024, 768)
        self.driver.save_screenshot(os.path.join(OUTPUT, name + "-tablet.png"))
        self.driver.set_window_size(1440, 900)
        self.driver.save_screenshot(os.path.join(OUTPUT, name + "-desktop.png"))
        self.driver.set_window_size(1024, 768)

    def sign_in(self, who, base=None):
        d = self.driver
        d.delete_all_cookies()
        d.get((base or self.base) + "/login")
        d.find_element(By.ID, "email").send_keys(who)
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "header.top")))

    def record_visitor(self, last_name, email):
        """The counter form saved with a visitor's name and address: on the request's page after."""
        d = self.driver
        d.get(self.base + "/requests/new")
        d.find_element(By.CSS_SELECTOR, "details.contact-details summary").click()
        d.find_element(By.ID, "lastName").send_keys(last_name)
        d.find_element(By.ID, "email").send_keys(email)
        d.find_element(By.CSS_SELECTOR, "form.counter button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "reponse")))

    def send_reply(self):
        """The request page's reply sent: waits until the outbox says it went."""
        d = self.driver
        d.find_element(By.CSS_SELECTOR, "#reponse button[type=submit]").click()
        self.wait.until(lambda _: "Envoyée" in d.find_element(By.CSS_SELECTOR, "ul.outbox").text)

    def fetch(self, path):
        cookie = "; ".join("%s=%s" % (c["name"], c["value"]) for c in self.driver.get_cookies())
        request = urllib.request.Request(self.base + path, headers={"Cookie": cookie})
        with urllib.request.urlopen(request) as response:
            return response.read(), response.headers

    def check_accessibility(self, page):
        """Every form field has a label; every visible control is at least 44 px high; the axe-core
        audit finds nothing."""
        self.audit(page)
        self.check_labels_and_targets(page)

    def audit(self, page):
        """The axe-core audit (the one axe-selenium-python bundles; offices bound by the RGAA run it)
        finds no violation on the page as it stands."""
        d = self.driver
        Axe(d).inject()
        d.set_script_timeout(60)
        results = d.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document).then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
            ".catch(e => done(['axe failed: ' + e]));")
        self.assertEqual(results, [], page + ": axe-core audit")

    def check_labels_and_targets(self, page):
        d = self.driver
        unlabeled = d.execute_script("""
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => {
              if (e.getAttribute('aria-label') || e.closest('label')) return false;
              return !(e.id && document.querySelector('label[for="' + e.id + '"]'));
            }).map(e => e.outerHTML.slice(0, 80));""")
        self.assertEqual(unlabeled, [], page + ": inputs without a label")
        small = d.execute_script("""
            return [...document.querySelectorAll('main button, main .button, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, header nav a')]
              .filter(e => e.offsetParent !== null).filter(e => e.getBoundingClientRect().height < 44)
              .map(e => e.outerHTML.slice(0, 80));""")
        self.assertEqual(small, [], page + ": touch targets under 44 px")

