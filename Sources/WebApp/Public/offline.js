// Guichet — the desk without network: entries kept on the device until they can be sent, the
// office's records for suggestions and a basket, sign-out that leaves nothing behind.
// Loaded after app.js, whose `csrf`, `say`, `element` and `debounce` it uses (one global scope).
"use strict";

(() => {
  const CACHE = "guichet-v1";                       // the service worker's cache (sw.js)
  const SESSION_KEY = "guichet.session", LOGOUT_KEY = "guichet.logout", MODE_KEY = "guichet.mode";
  const user = document.querySelector('meta[name="guichet-user"]')?.content ?? "";
  // A registration refused (the browser still removing the worker a sign-out cleared) is tried
  // again a little later, three times.
  const registerWorker = (attempt) => navigator.serviceWorker.register("/sw.js").catch(() => {
    if (attempt < 3) setTimeout(() => registerWorker(attempt + 1), 2000 * (attempt + 1));
  });
  if ("serviceWorker" in navigator) registerWorker(0);

  // A sign-out made offline is finished on the server once the network is back; until then the
  // page keeps nothing on the device.
  if (localStorage.getItem(LOGOUT_KEY)) {
    if (!user) { localStorage.removeItem(LOGOUT_KEY); return; }
    fetch("/logout", { method: "POST", credentials: "same-origin", body: new URLSearchParams({ _csrf: csrf }) })
      .then(() => { localStorage.removeItem(LOGOUT_KEY); location.href = "/login"; }).catch(() => {});
    return;
  }

  // ------------------------------------------------------------ the device's stores (IndexedDB)
  const Device = (() => {
    let opening = null;
    function open() {
      opening ??= new Promise((resolve, reject) => {
        const request = indexedDB.open("guichet", 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore("entries", { keyPath: "entryId" });
          request.result.createObjectStore("basket", { keyPath: "id" });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return opening;
    }
    async function run(store, mode, body) {
      const db = await open();
      return new Promise((resolve, reject) => {
        const transaction = db.transaction(store, mode);
        const request = body(transaction.objectStore(store));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = transaction.onabort = () => reject(transaction.error);
      });
    }
    return {
      all: (store) => run(store, "readonly", (s) => s.getAll()),
      put: (store, value) => run(store, "readwrite", (s) => s.put(value)),
      remove: (store, key) => run(store, "readwrite", (s) => s.delete(key)),
      async erase() {
        if (opening) { (await opening.catch(() => null))?.close(); opening = null; }
        await new Promise((resolve) => { const r = indexedDB.deleteDatabase("guichet"); r.onsuccess = r.onerror = r.onblocked = () => resolve(); });
      },
    };
  })();

  const entries = async () => (await Device.all("entries")).sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  // ------------------------------------------------------------ the device's signed-in state
  // Each page seen online says until when the session lasts (at most 12 hours); offline, the
  // quick entry works until then. A page opened offline is a kept copy: it says nothing new.
  const readSession = () => { try { return JSON.parse(localStorage.getItem(SESSION_KEY)); } catch { return null; } };
  if (user && navigator.onLine) {
    const expires = document.querySelector('meta[name="session-expires"]')?.content ?? "";
    const stored = readSession();
    if (!stored || stored.user !== user || Date.parse(expires) > Date.parse(stored.expires)) {
      localStorage.setItem(SESSION_KEY, JSON.stringify({ user, expires }));
    }
  }
  const signedIn = () => { const s = readSession(); return !!s && s.user === user && Date.parse(s.expires) > Date.now(); };

  // ------------------------------------------------------------ sending what waits
  // One pass at a time; each entry is sent with its device id, so a pass cut short and tried
  // again never records a request twice (the server answers 200 "replayed").
  let sending = null;
  function sendAll() {
    sending ??= (async () => {
      const outcome = { sent: [], stopped: null };
      for (const entry of await entries()) {
        if (entry.user !== user || entry.status !== "waiting") continue;
        let response;
        try {
          response = await fetch("/api/entries", { method: "POST", credentials: "same-origin",
            headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
            body: JSON.stringify({ entryId: entry.entryId, fields: entry.fields }) });
        } catch { outcome.stopped = "offline"; break; }
        if (response.status === 401 || response.status === 403) { outcome.stopped = "session"; break; }
        const data = await response.json().catch(() => ({}));
        if (response.ok) {
          await Device.remove("entries", entry.entryId);
          outcome.sent.push({ entryId: entry.entryId, requestId: data.requestId });
        } else if ([400, 413, 422].includes(response.status)) {
          await Device.put("entries", { ...entry, status: "rejected", reason: data.error ?? String(response.status), field: data.field ?? null });
        } else { outcome.stopped = "server"; break; }
      }
      await flushBasket(outcome);
      return outcome;
    })().finally(() => { sending = null; refresh(); });
    return sending;
  }

  // Records put in the tablet's basket join the account's basket (the brochure is made online).
  async function flushBasket(outcome) {
    if (outcome.stopped) return;
    for (const item of await Device.all("basket")) {
      if (item.user !== user) continue;
      try {
        const response = await fetch("/api/basket/items", { method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify({ id: item.id }) });
        if (response.ok || response.status === 422 || response.status === 404) await Device.remove("basket", item.id);
        else return;
      } catch { return; }
    }
  }

  // The header's count, on every page of the desk.
  async function refreshBadge() {
    const badge = document.getElementById("queue-badge");
    if (!badge) return;
    const count = (await entries().catch(() => [])).length;
    document.getElementById("queue-count").textContent = count;
    badge.hidden = count === 0;
  }
  const listeners = [refreshBadge];
  const refresh = () => listeners.forEach((listener) => listener());

  if (user && document.getElementById("queue-badge")) {
    refreshBadge();
    if (navigator.onLine) sendAll();
    window.addEventListener("online", () => sendAll());
    // A network back without an "online" event (a captive Wi-Fi that starts letting through).
    setInterval(() => { if (navigator.onLine) entries().then((all) => { if (all.some((e) => e.status === "waiting")) sendAll(); }); }, 60000);
    keepQuickEntryForOffline();
  }

  // The quick entry must open offline even if this tablet never opened it (or opened it before the
  // service worker took the page): kept here when there is no copy yet.
  async function keepQuickEntryForOffline() {
    if (!navigator.onLine || !("caches" in window)) return;
    const cache = await caches.open(CACHE);
    if (await cache.match("/entry")) return;
    const response = await fetch("/entry", { credentials: "same-origin" }).catch(() => null);
    if (response?.ok && !response.redirected) await cache.put("/entry", response);
  }

  // ------------------------------------------------------------ sign-out leaves nothing behind
  const logout = document.getElementById("logout-form");
  logout?.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (navigator.onLine) await sendAll();
    const left = (await entries().catch(() => [])).length;
    if (left > 0 && !(await askBeforeSignOut(left))) return;
    await clearDevice();
    try {
      await fetch("/logout", { method: "POST", credentials: "same-origin", body: new URLSearchParams({ _csrf: csrf }) });
      location.href = "/login";
    } catch {
      localStorage.setItem(LOGOUT_KEY, "1");
      document.querySelector("header.top")?.remove();
      document.getElementById("main").replaceChildren(element("p", { class: "notice", role: "status" }, say("loggedOutOffline")));
    }
  });

  async function clearDevice() {
    await Device.erase();
    if ("caches" in window) for (const name of await caches.keys()) await caches.delete(name);
    for (const key of [SESSION_KEY, MODE_KEY]) localStorage.removeItem(key);
  }

  // Resolves true to sign out (entries sent, or discarded on purpose), false to stay.
  function askBeforeSignOut(count) {
    return new Promise((resolve) => {
      const text = element("p", { id: "logout-pending" }, say("logoutPending", { n: count }));
      const dialog = element("dialog", { class: "card sign-out", "aria-labelledby": "logout-pending" });
      const finish = (value) => { dialog.close(); dialog.remove(); resolve(value); };
      const send = element("button", { type: "button", class: "primary", disabled: !navigator.onLine, onclick: async () => {
        await sendAll();
        const left = (await entries()).length;
        if (left === 0) finish(true); else text.textContent = say("logoutPending", { n: left });
      } }, say("logoutSend"));
      dialog.append(text, element("div", { class: "actions" }, send,
        element("button", { type: "button", class: "danger", id: "logout-discard", onclick: () => finish(true) }, say("logoutDiscard")),
        element("button", { type: "button", onclick: () => finish(false) }, say("cancel"))));
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  // ------------------------------------------------------------ the quick-entry page
  const quick = document.getElementById("quick-form");
  if (!quick || !user) return;
  window.guichetDevice = { entries, sendAll };      // for the browser test's checks

  // Cached copies (the service worker's cache) answer when the network does not.
  async function loadKept(url) {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      // The service worker keeps what it fetches; before it takes the page, the page keeps it.
      if ("caches" in window && !navigator.serviceWorker?.controller) await (await caches.open(CACHE)).put(url, response.clone());
      return await response.json();
    } catch {
      const copy = "caches" in window ? await (await caches.open(CACHE)).match(url) : null;
      return copy ? copy.json() : null;
    }
  }
  // Network state, and the session's end offline.
  const net = document.getElementById("net-state");
  function showNetwork() {
    net.textContent = say(navigator.onLine ? "online" : "offline");
    net.classList.toggle("offline", !navigator.onLine);
    const ended = !navigator.onLine && !signedIn();
    document.getElementById("session-ended").hidden = !ended;
    for (const control of quick.elements) control.disabled = ended;
  }
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  showNetwork();

  const result = document.getElementById("quick-result");
  const tell = (text) => { result.textContent = text; result.hidden = !text; };

  // Two steps: the main criteria, then the visitor's details.
  const main = document.getElementById("quick-main"), details = document.getElementById("quick-details");
  const step = (second) => { main.hidden = second; details.hidden = !second; (second ? details : main).querySelector("input, select")?.focus(); };
  document.getElementById("quick-next").addEventListener("click", () => step(true));
  document.getElementById("quick-back").addEventListener("click", () => step(false));

  // The party size by keypad (no on-screen keyboard covering the form).
  const size = document.getElementById("quick-party-size");
  for (const key of quick.querySelectorAll(".keypad button")) {
    key.addEventListener("click", () => {
      const k = key.dataset.key;
      if (k === "clear") size.value = "";
      else if (k === "back") size.value = size.value.slice(0, -1);
      else if (size.value.length < 3) size.value = size.value === "0" ? k : size.value + k;
    });
  }

  // A frequent country's button or another one typed: one or the other.
  const countryOther = document.getElementById("quick-country-other");
  countryOther.addEventListener("input", () => { for (const r of quick.querySelectorAll('input[name="country"]')) r.checked = false; });
  for (const r of quick.querySelectorAll('input[name="country"]')) r.addEventListener("change", () => { countryOther.value = ""; });

  // The visitor's commune or postal code, from the gazetteer kept on the device.
  const origin = document.getElementById("origin"), originChoices = document.getElementById("origin-choices");
  let gazetteer = [];
  loadKept("/api/communes/all").then((rows) => { gazetteer = rows ?? []; });
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-'’]/g, " ").trim();
  origin.addEventListener("input", debounce(() => {
    const typed = fold(origin.value);
    if (typed.length < 2 || /\(\d{5}\)$/.test(origin.value)) return;
    const found = gazetteer.filter(([name, postalCode]) => postalCode.startsWith(typed) || fold(name).startsWith(typed)).slice(0, 12);
    originChoices.replaceChildren(...found.map(([name, postalCode]) => element("option", { value: `${name} (${postalCode})` })));
  }, 120));
  function resolveOrigin() {
    const text = origin.value.trim();
    const picked = text.match(/^(.*) \((\d{5})\)$/);
    const postalCode = picked ? picked[2] : (/^\d{5}$/.test(text) ? text : null);
    const rows = postalCode ? gazetteer.filter((row) => row[1] === postalCode && (!picked || row[0] === picked[1])) : [];
    document.getElementById("quick-commune").value = picked ? picked[1] : (postalCode ? (rows.length === 1 ? rows[0][0] : "") : text);
    document.getElementById("quick-department").value = rows[0]?.[2] ?? (postalCode ? (postalCode.startsWith("97") ? postalCode.slice(0, 3) : postalCode.slice(0, 2)) : "");
  }

  // The contact mode and reception point stay as chosen for the next visitor (a day on a stand).
  const remembered = JSON.parse(localStorage.getItem(MODE_KEY) ?? "{}");
  const restoreChoices = () => {
    const mode = quick.querySelector(`input[name="contactMode"][value="${CSS.escape(remembered.mode ?? "")}"]`);
    if (mode) mode.checked = true;
    const point = document.getElementById("quick-point");
    if (point && remembered.point) point.value = remembered.point;
  };
  restoreChoices();

  function fieldsOf(form) {
    const fields = {};
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== "string" || value.trim() === "") continue;
      if (["theme", "consent", "consentChannel"].includes(name)) (fields[name] ??= []).push(value);
      else fields[name] = value.trim();
    }
    return fields;
  }
  const meaningful = (fields) => Object.keys(fields).some((name) => !["contactMode", "receptionPoint", "consentChannel"].includes(name));
  // A country's button reads "BE Belgique": its name only.
  const summaryOf = () => [...quick.querySelectorAll("input:checked + span")]
    .map((s) => (s.querySelector(".country-code") ? s.lastChild.textContent : s.textContent).trim())
    .concat([size.value && `${size.value} pers.`, origin.value.trim(), countryOther.value.trim(),
             [document.getElementById("quick-first-name").value, document.getElementById("quick-last-name").value].join(" ").trim()])
    .filter(Boolean).join(" · ");

  let editing = null;
  quick.addEventListener("submit", async (event) => {
    event.preventDefault();
    resolveOrigin();
    const fields = fieldsOf(quick);
    if (!meaningful(fields)) { tell(say("nothingToSave")); return; }
    const entry = { entryId: editing?.entryId ?? newEntryId(), user, fields, summary: summaryOf(),
                    createdAt: editing?.createdAt ?? new Date().toISOString(), status: "waiting" };
    await Device.put("entries", entry);
    remembered.mode = fields.contactMode; remembered.point = fields.receptionPoint;
    localStorage.setItem(MODE_KEY, JSON.stringify(remembered));
    editing = null;
    quick.reset(); restoreChoices(); step(false);
    tell(say("savedOnDevice"));
    refresh();
    if (navigator.onLine) {
      const outcome = await sendAll();
      const sent = outcome.sent.find((s) => s.entryId === entry.entryId);
      if (sent) tell(say("sentAs", { id: sent.requestId }));
    }
  });

  function newEntryId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "d-" + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The entries waiting: their state, and for a refused one the server's reason and a way to correct it.
  const list = document.getElementById("queue-list"), queueStatus = document.getElementById("queue-status");
  const time = (iso) => new Date(iso).toLocaleString(document.documentElement.lang, { dateStyle: "short", timeStyle: "short" });
  async function refreshQueue() {
    const all = await entries();
    queueStatus.textContent = all.length ? say("queueCount", { n: all.length }) : say("queueEmpty");
    list.replaceChildren(...all.map((entry) => {
      const state = entry.user !== user ? say("otherAccount") : entry.status === "rejected" ? say("rejected", { reason: entry.reason }) : say("waiting");
      return element("li", { class: "entry " + entry.status, "data-entry": entry.entryId },
        element("div", {}, element("strong", {}, say("entryAt", { time: time(entry.createdAt) })), element("br"),
          element("span", {}, entry.summary || "—"), element("br"), element("span", { class: "state" }, state)),
        element("div", { class: "actions" },
          entry.user === user ? element("button", { type: "button", class: "edit", onclick: () => edit(entry) }, say("edit")) : null,
          element("button", { type: "button", class: "discard", onclick: async () => {
            if (!window.confirm(say("discardConfirm"))) return;
            await Device.remove("entries", entry.entryId); refresh();
          } }, say("discard"))));
    }));
  }
  listeners.push(refreshQueue);
  refreshQueue();

  function edit(entry) {
    quick.reset();
    for (const control of quick.elements) {
      if (!control.name || !(control.name in entry.fields)) continue;
      const value = entry.fields[control.name];
      if (control.type === "radio" || control.type === "checkbox") control.checked = [].concat(value).includes(control.value);
      else control.value = value;
    }
    origin.value = entry.fields.commune ?? "";
    editing = entry;
    const detailField = ["email", "firstName", "lastName", "phone", "postalCode", "civility", "notes"].some((n) => (entry.field ?? "").includes(n));
    step(detailField);
    tell(say("editing", { time: time(entry.createdAt) }));
    quick.scrollIntoView();
  }

  document.getElementById("send-now").addEventListener("click", async () => {
    queueStatus.textContent = say("sending");
    const outcome = await sendAll();
    if (outcome.stopped === "session") queueStatus.textContent = say("sessionOver");
    else if (outcome.stopped === "offline") queueStatus.textContent = say("offline");
  });

  // ------------------------------------------------------------ the office's records, offline
  const ownQuery = document.getElementById("own-q"), ownResults = document.getElementById("own-results");
  const ownStatus = document.getElementById("own-status"), deviceBasket = document.getElementById("device-basket");
  let own = [];
  loadKept("/api/records/offline").then((data) => {
    own = (data?.records ?? []).map((r) => ({ ...r, folded: fold(r.name) }));
    ownStatus.textContent = own.length ? sayCount("ownCount", own.length) + (data.truncated ? " " + say("ownTruncated", { n: own.length }) : "") : say("ownNone");
  });
  ownQuery.addEventListener("input", debounce(() => {
    const words = fold(ownQuery.value).split(/\s+/).filter(Boolean);
    if (!words.length) { ownResults.replaceChildren(); return; }
    const found = own.filter((r) => words.every((w) => r.folded.startsWith(w) || r.folded.includes(" " + w))).slice(0, 10);
    ownStatus.textContent = found.length ? "" : say("ownNoMatch");
    ownResults.replaceChildren(...found.map((r) => element("li", { class: "result own", "data-id": r.id },
      element("div", {}, element("h3", {}, r.name), element("div", { class: "meta" }, [r.typeLabel, r.commune, r.phone, r.email].filter(Boolean).join(" · "))),
      element("button", { type: "button", class: "add", "aria-label": say("addDevice", { name: r.name }), onclick: async () => {
        await Device.put("basket", { id: r.id, user, name: r.name, where: [r.typeLabel, r.commune].filter(Boolean).join(" · ") });
        refresh();
        if (navigator.onLine) sendAll();
      } }, say("addShort")))));
  }, 80));

  async function refreshBasket() {
    const items = (await Device.all("basket")).filter((item) => item.user === user);
    deviceBasket.replaceChildren(...(items.length ? items.map((item) => element("li", { "data-id": item.id },
      element("div", {}, element("strong", {}, item.name), element("br"), element("span", { class: "muted" }, item.where)),
      element("button", { type: "button", "aria-label": say("removeDevice", { name: item.name }), onclick: async () => { await Device.remove("basket", item.id); refresh(); } }, "✕")))
      : [element("li", { class: "muted" }, say("basketEmpty"))]));
  }
  listeners.push(refreshBasket);
  refreshBasket();
})();
