"""A region's set-up on one machine, with real processes: scripts/cluster-demo.sh starts PostgreSQL,
three `guichet serve` nodes on it and HAProxy in front; the SMTP server is aiosmtpd. Then:
an agent's flow in headless Chromium through the balancer (each page may come from another node);
a record imported by another process reaches every node's index within 10 s; the outbox's messages
are sent once though three workers race for them; PostgreSQL restarted under load (503 pages while
it is away, never a 500; the nodes come back by themselves); a node killed (kill -9) under counter
writes (every acknowledged request stored once, no 5xx answer).

    .venv-tools/bin/python Tests/Cluster/cluster_test.py      (after `swift build`)
"""
import concurrent.futures
import email
import email.policy
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Browser"))
from desk_support import OUTPUT, PASSWORD, ROOT, DeskCase, wait_for  # noqa: E402


def free_ports(count):
    """`count` consecutive free ports on loopback."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count > 65000:
            continue
        try:
            sockets = []
            for port in range(base, base + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()


class Agent:
    """A signed-in agent's HTTP session against `base` (cookies and the CSRF token)."""
    def __init__(self, base, who="agent@annecy.demo"):
        self.base = base
        self.http = requests.Session()
        # As a browser does: a request on a kept-alive connection closed without an answer is sent
        # once more (Chromium does it for any method; the counter form's id makes it safe).
        self.http.mount("http://", HTTPAdapter(max_retries=Retry(total=1, connect=1, read=1, status=0, other=0,
                                                                 allowed_methods=None, raise_on_status=False)))
        page = self.http.get(base + "/login", timeout=10)
        token = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
        signed = self.http.post(base + "/login", data={"_csrf": token, "email": who, "password": PASSWORD}, allow_redirects=False, timeout=10)
        assert signed.status_code == 303, signed.status_code
        home = self.http.get(base + "/stats", timeout=10)
        self.csrf = re.search(r'name="csrf" content="([^"]+)"', home.text).group(1)

    def record(self, entry_id, base=None):
        return self.http.post((base or self.base) + "/requests", allow_redirects=False, timeout=30,
                              data={"_csrf": self.csrf, "entryId": entry_id, "contactMode": "guichet", "country": "BE", "theme": "activites"})

    def suggest(self, text, base):
        answer = self.http.get(base + "/api/suggest", params={"q": text, "scope": "region"}, timeout=10)
        return answer.json()["suggestions"] if answer.status_code == 200 else []


class Cluster(DeskCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(OUTPUT, exist_ok=True)
        cls.work = tempfile.mkdtemp(prefix="guichet-cluster-")
        if os.getuid() == 0:
            shutil.chown(cls.work, "postgres")  # the cluster's folder lives inside, owned by postgres
            os.chmod(cls.work, 0o777)
        cls.mailbox = os.path.join(cls.work, "mail")
        os.makedirs(cls.mailbox)
        cls.smtp = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/Support/Python/smtp_server.py"), "--dir", cls.mailbox],
                                    stdout=subprocess.PIPE, text=True)
        smtp_port = int(wait_for(cls.smtp, "ready").split()[1])
        cls.port = free_ports(4)
        cls.pg_port = free_ports(1)
        cls.dir = os.path.join(cls.work, "cluster")
        env = dict(os.environ, CLUSTER_DIR=cls.dir, PORT=str(cls.port), PG_PORT=str(cls.pg_port), DEMO_RECORDS="2000",
                   GUICHET_BIN=os.environ.get("GUICHET_BINARY", os.path.join(ROOT, ".build/debug/guichet")),
                   GUICHET_SERVE_ARGS="--outbox-retry 10",
                   GUICHET_SMTP_URL="smtp://127.0.0.1:%d?starttls=never" % smtp_port, GUICHET_SMTP_FROM="accueil@annecy.demo")
        cls.script = subprocess.Popen(["bash", os.path.join(ROOT, "scripts/cluster-demo.sh")], cwd=ROOT, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wait_for(cls.script, "behind HAProxy", timeout=600)
        cls.base = "http://127.0.0.1:%d" % cls.port
        cls.nodes = ["http://127.0.0.1:%d" % (cls.port + i) for i in (1, 2, 3)]
        cls.database = "postgres://postgres@127.0.0.1:%d/guichet" % cls.pg_port
        cls.start_browser()

    @classmethod
    def start_browser(cls):
        from selenium import webdriver
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,768", "--lang=fr-FR"]:
            options.add_argument(argument)
        service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        cls.driver = webdriver.Chrome(options=options, service=service)
        cls.wait = WebDriverWait(cls.driver, 20, ignored_exceptions=(StaleElementReferenceException, WebDriverException))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.script.send_signal(signal.SIGTERM)  # its trap stops the nodes, HAProxy and PostgreSQL
        try:
            cls.script.wait(timeout=60)
        except subprocess.TimeoutExpired:
            cls.script.kill()
        cls.smtp.kill()
        cls.smtp.wait()
        shutil.rmtree(cls.work, ignore_errors=True)

    # ------------------------------------------------------------------ helpers
    def sql(self, statement):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", "guichet", "-qtAc", statement],
                              check=True, capture_output=True, text=True).stdout.strip()

    def mails(self):
        out = []
        for path in sorted(glob.glob(os.path.join(self.mailbox, "*.eml"))):
            with open(path, "rb") as f:
                out.append(email.message_from_binary_file(f, policy=email.policy.default))
        return out

    def served_by(self):
        """The nodes HAProxy's log says answered."""
        with open(os.path.join(self.dir, "haproxy.log")) as f:
            return set(re.findall(r"nodes/(node\d)", f.read()))

    def pid(self, node):
        with open(os.path.join(self.dir, "node-%d.pid" % node)) as f:
            return int(f.read())

    # ------------------------------------------------------------------ the tests, in order
    def test_1_an_agents_flow_goes_through_the_balancer_whatever_node_answers(self):
        d = self.driver
        self.sign_in("agent@annecy.demo")
        self.record_visitor("Vasquez", "ines.vasquez@example.org")
        self.send_reply()
        d.save_screenshot(os.path.join(OUTPUT, "cluster-reply-sent.png"))
        for path in ["/", "/requests", "/contacts", "/stats"]:
            d.get(self.base + path)
            self.assertIn("header", d.page_source)
            self.assertNotIn("/login", d.current_url, "signed out on another node at " + path)
        replies = [m for m in self.mails() if "ines.vasquez@example.org" in m["To"]]
        self.assertEqual(len(replies), 1)
        self.assertEqual(self.served_by(), {"node1", "node2", "node3"})

    def test_2_a_record_imported_by_another_process_reaches_every_node_within_ten_seconds(self):
        agent = Agent(self.base)
        record = ('[{"type":"HOTELLERIE","id":991001,"nom":{"libelleFr":"Zéphyr des Cimes"},'
                  '"gestion":{"dateCreation":"2026-01-01T08:00:00.000+0000","dateModification":"2026-12-01T10:00:00.000+0000",'
                  '"membreProprietaire":{"id":1001,"nom":"Office 1001"}},'
                  '"localisation":{"adresse":{"codePostal":"74000","commune":{"id":14,"code":"74010","nom":"Annecy","codePostal":"74000"}}}}]')
        path = os.path.join(self.work, "zephyr.json")
        with open(path, "w") as f:
            f.write(record)
        for node in self.nodes:
            self.assertEqual(agent.suggest("zéphyr des", node), [])
        subprocess.run([os.environ.get("GUICHET_BINARY", os.path.join(ROOT, ".build/debug/guichet")), "import", "--database", self.database, path],
                       check=True, capture_output=True)
        imported = time.time()
        seen = {}
        while len(seen) < 3 and time.time() - imported < 10:
            for node in self.nodes:
                if node not in seen and [s["id"] for s in agent.suggest("zéphyr des", node)] == [991001]:
                    seen[node] = time.time() - imported
            time.sleep(0.2)
        print("record seen by each node after %s s" % ", ".join("%.2f" % s for s in sorted(seen.values())), file=sys.stderr)
        self.assertEqual(len(seen), 3, "seen by %s only" % list(seen))

    def test_3_three_outbox_workers_send_each_message_once(self):
        before = len(self.mails())
        office = self.sql("SELECT id FROM crm_office WHERE name LIKE '%Annecy%'")
        values = ", ".join("(%s, 'cluster-%d', 'visiteur%d@example.org', 'Votre demande', 'Bonjour', 'service-reply', 'written', "
                           "extract(epoch from now()), 0)" % (office, i, i) for i in range(30))
        self.sql("INSERT INTO crm_outbox (office_id, idempotency_key, recipient, subject, body, purpose, state, created_at, paced) VALUES " + values)
        deadline = time.time() + 40
        while time.time() < deadline and self.sql("SELECT count(*) FROM crm_outbox WHERE idempotency_key LIKE 'cluster-%' AND state = 'sent'") != "30":
            time.sleep(0.5)
        time.sleep(3)  # a double send would land now
        received = [m["To"] for m in self.mails()[before:] if m["To"].startswith("visiteur")]
        self.assertEqual(len(received), 30)
        self.assertEqual(len(set(received)), 30)
        self.assertEqual(self.sql("SELECT sum(attempts) FROM crm_outbox WHERE idempotency_key LIKE 'cluster-%'"), "30")

    def test_4_postgresql_restarted_under_load_the_nodes_answer_503_then_come_back_by_themselves(self):
        agent = Agent(self.base)
        statuses, stop = [], threading.Event()

        def load():
            while not stop.is_set():
                try:
                    answer = agent.http.get(self.base + "/requests", timeout=30, allow_redirects=False)
                    statuses.append((answer.status_code, answer.text if answer.status_code == 503 else ""))
                except requests.RequestException as error:
                    statuses.append((0, str(error)))
                time.sleep(0.05)
        workers = [threading.Thread(target=load) for _ in range(4)]
        for w in workers:
            w.start()
        time.sleep(1)
        subprocess.run(["bash", os.path.join(ROOT, "scripts/postgres.sh"), "stop", os.path.join(self.dir, "postgres")], check=True)
        time.sleep(4)
        subprocess.run(["bash", os.path.join(ROOT, "scripts/postgres.sh"), "start", os.path.join(self.dir, "postgres"), str(self.pg_port)],
                       check=True, capture_output=True)
        back = time.time()
        recovered = None
        while time.time() - back < 30:
            try:
                if all(agent.http.get(node + "/requests", timeout=10).status_code == 200 for node in self.nodes):
                    recovered = time.time() - back
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        stop.set()
        for w in workers:
            w.join()
        codes = [code for code, _ in statuses]
        print("PostgreSQL away 4 s: %d answers, %d × 503; every node back %.1f s after it returned"
              % (len(codes), codes.count(503), recovered or -1), file=sys.stderr)
        self.assertIsNotNone(recovered, "a node did not come back within 30 s")
        self.assertTrue(set(codes) <= {200, 503}, sorted(set(codes)))
        self.assertIn(503, codes)
        self.assertTrue(all("indisponible" in text.lower() for code, text in statuses if code == 503))

    def test_5_a_node_killed_under_counter_writes_loses_no_acknowledged_request(self):
        agents = [Agent(self.base) for _ in range(25)]
        results, lock = [], threading.Lock()
        deadline = time.time() + 8

        def write(agent):
            while time.time() < deadline:
                entry = "cluster-" + uuid.uuid4().hex
                try:
                    answer = agent.record(entry)
                    outcome = answer.status_code
                except requests.RequestException as error:
                    outcome = 0
                    print("request %s: %s" % (entry, error), file=sys.stderr)
                with lock:
                    results.append((entry, outcome))
        with concurrent.futures.ThreadPoolExecutor(len(agents)) as pool:
            futures = [pool.submit(write, a) for a in agents]
            time.sleep(2)
            os.kill(self.pid(2), signal.SIGKILL)
            for f in futures:
                f.result()
        acknowledged = [entry for entry, code in results if code == 303]
        codes = sorted(set(code for _, code in results))
        stored = int(self.sql("SELECT count(*) FROM crm_request WHERE client_entry_id IN (%s)" % ", ".join("'%s'" % e for e in acknowledged)))
        print("node 2 killed under 25 agents' writes: %d requests, %d acknowledged, answers %s" % (len(results), len(acknowledged), codes),
              file=sys.stderr)
        if codes != [303]:
            with open(os.path.join(self.dir, "haproxy.log")) as f:
                print("".join(line for line in f if " 303 " not in line and " 200 " not in line)[-3000:], file=sys.stderr)
        self.assertEqual(codes, [303])
        self.assertEqual(stored, len(acknowledged))


if __name__ == "__main__":
    unittest.main(verbosity=2)
