// Guichet — the counter desk's behaviour: suggestions as you type, search, basket, saved searches,
// logo upload. Plain JavaScript, no library; every state change sends the session's CSRF token.
"use strict";

const csrf = document.querySelector('meta[name="csrf"]')?.content ?? "";
// The interface's words in the page's language (set by the server), with {name}/{n} to fill.
const words = JSON.parse(document.body.dataset.i18n || "{}");
const say = (key, values = {}) => (words[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
// A count in words: "1 fiche", "3 fiches" (keys ending One / Many; French counts 0 as singular).
const sayCount = (key, n, values = {}) =>
  say(key + ((document.documentElement.lang === "fr" ? n <= 1 : n === 1) ? "One" : "Many"), { ...values, n });

async function api(method, url, body) {
  const options = { method, headers: { "Accept": "application/json", "X-CSRF-Token": csrf }, credentials: "same-origin" };
  if (body !== undefined) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
  const response = await fetch(url, options);
  if (response.status === 401) { location.href = "/login?next=" + encodeURIComponent(location.pathname); throw new Error("session"); }
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(data?.error ?? (say("error") + " " + response.status));
  return data;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function debounce(fn, ms) { let timer; return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); }; }

// ---------------------------------------------------------------- search page
const form = document.getElementById("search-form");
if (form) {
  const q = document.getElementById("q"), list = document.getElementById("suggestions");
  const status = document.getElementById("status"), results = document.getElementById("results");
  const radius = document.getElementById("radius"), radiusOut = document.getElementById("radius-out");
  const near = document.getElementById("near"), communes = document.getElementById("communes");
  const more = document.getElementById("more");
  let active = -1, offset = 0, lastSuggest = 0;

  const scope = () => document.getElementById("scope")?.checked ? "region" : "office";
  const lang = () => document.getElementById("lang").value;

  // The list is a listbox only while it holds options (an empty listbox is an error for screen readers).
  // The combobox (ARIA 1.1: the box around the text field) says whether the list is open.
  const combo = document.getElementById("q-box");
  function closeSuggestions() { list.hidden = true; list.removeAttribute("role"); combo.setAttribute("aria-expanded", "false"); q.removeAttribute("aria-activedescendant"); active = -1; }

  const suggest = debounce(async () => {
    const text = q.value.trim();
    if (!text) { closeSuggestions(); return; }
    const ticket = ++lastSuggest;
    try {
      const data = await api("GET", `/api/suggest?q=${encodeURIComponent(text)}&scope=${scope()}&lang=${lang()}`);
      if (ticket !== lastSuggest) return;  // an older answer arriving late
      list.replaceChildren(...data.suggestions.map((s, i) => element("li", {
        id: "suggestion-" + i, role: "option", "aria-selected": "false", "data-id": s.id,
        onmousedown: (event) => { event.preventDefault(); choose(i); },
      }, element("span", {}, s.name), element("span", { class: "where" }, [s.typeLabel, s.commune].filter(Boolean).join(" · ")))));
      list.hidden = data.suggestions.length === 0;
      if (list.hidden) list.removeAttribute("role"); else list.setAttribute("role", "listbox");
      combo.setAttribute("aria-expanded", String(!list.hidden));
      active = -1;
    } catch (error) { status.textContent = error.message; }
  }, 150);

  function highlight(index) {
    const items = [...list.children];
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    q.setAttribute("aria-activedescendant", items[active].id);
  }

  function choose(index) {
    const item = list.children[index];
    if (!item) return;
    q.value = item.firstChild.textContent;
    closeSuggestions();
    run();
  }

  q.addEventListener("input", suggest);
  q.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    else if (event.key === "Escape") closeSuggestions();
  });
  q.addEventListener("blur", () => setTimeout(closeSuggestions, 100));

  radius.addEventListener("input", () => { radiusOut.textContent = radius.value; });
  near.addEventListener("input", debounce(async () => {
    if (near.value.trim().length < 2) return;
    const found = await api("GET", "/api/communes?q=" + encodeURIComponent(near.value));
    communes.replaceChildren(...found.map((c) => element("option", { value: `${c.name} (${c.postalCode})` })));
  }, 200));

  function params() {
    const p = new URLSearchParams();
    if (q.value.trim()) p.set("q", q.value.trim());
    for (const box of form.querySelectorAll('input[name="category"]:checked')) p.append("category", box.value);
    const place = near.value.replace(/\s*\((\d{5})\)\s*$/, " $1").trim();
    if (place) { p.set("near", place); p.set("radius", radius.value); }
    for (const name of ["from", "to"]) { const v = document.getElementById(name).value; if (v) p.set(name, v); }
    p.set("scope", scope());
    p.set("lang", lang());
    return p;
  }

  async function run(append = false) {
    closeSuggestions();
    offset = append ? offset + 20 : 0;
    const p = params();
    p.set("offset", offset);
    history.replaceState(null, "", "/?" + p.toString());
    status.textContent = say("searching");
    showDocuments(append);
    if (documentsOnly?.checked) { results.replaceChildren(); more.hidden = true; status.textContent = ""; return; }
    try {
      const data = await api("GET", "/api/search?" + p.toString());
      const rows = data.results.map(resultRow);
      if (append) results.append(...rows); else results.replaceChildren(...rows);
      const where = data.centre ? ` ${say("around")} ${data.centre.label}` : "";
      status.textContent = sayCount("records", data.total) + where + (data.corrections.length ? ` — « ${data.corrections[0].typed} » ${say("understoodAs")} « ${data.corrections[0].used.join(", ")} »` : "");
      document.getElementById("facets").replaceChildren(...data.facets.slice(0, 8).map((f) => element("span", { class: "badge" }, `${f.label} ${f.count}`)));
      more.hidden = offset + data.results.length >= data.total;
      basket.mark();
      // The results where the agent looks: the count (read out, it is a live region) at the top of the view.
      if (!append) { status.scrollIntoView({ block: "start", behavior: "smooth" }); status.focus({ preventScroll: true }); }
    } catch (error) { status.textContent = error.message; }
  }

  // The office's own PDF documents whose title holds the words typed (all of them when
  // "documents only" is ticked with nothing typed).
  const documentsOnly = document.getElementById("documents-only");
  const documentList = document.getElementById("documents-found");
  async function showDocuments(append) {
    if (!documentList || append) return;
    const text = q.value.trim();
    if (!text && !documentsOnly?.checked) { documentList.replaceChildren(); documentList.hidden = true; return; }
    try {
      const found = await api("GET", "/api/documents?q=" + encodeURIComponent(text));
      documentList.hidden = found.length === 0;
      documentList.replaceChildren(element("h2", {}, `${found.length} ${say("documents")}`), element("ol", { class: "results" }, ...found.map((d) =>
        element("li", { class: "result document", "data-document": d.id }, element("div", { class: "nophoto pdf" }, "PDF"),
          element("div", {}, element("h3", {}, element("a", { href: `/documents/${d.id}/file.pdf`, target: "_blank" }, d.title)),
            element("div", { class: "meta" }, `${d.fileName} · ${say("pages", { n: d.pages })}`)),
          element("button", { type: "button", class: "add", "aria-label": say("addLabel", { name: d.title }), onclick: () => basket.addDocument(d.id) }, say("add"))))));
    } catch (e) { documentList.hidden = true; }
  }
  documentsOnly?.addEventListener("change", () => run());

  function resultRow(hit) {
    const photo = hit.thumbnailURL ? element("img", { src: hit.thumbnailURL, alt: "", loading: "lazy" }) : element("div", { class: "nophoto" });
    if (photo.tagName === "IMG") photo.addEventListener("error", () => photo.replaceWith(element("div", { class: "nophoto" })));
    const meta = [hit.typeLabel, hit.dates, hit.commune, hit.distanceKm != null ? `${hit.distanceKm.toFixed(1)} km` : null,
                  hit.popularity ? sayCount("chosen", hit.popularity) : null].filter(Boolean).join(" · ");
    const button = element("button", { type: "button", class: "add", "data-id": hit.id, "data-name": hit.name, "aria-pressed": "false",
                                       onclick: () => basket.toggle(hit.id, hit.name) }, say("add"));
    basket.markButton(button);
    // The name opens the record beside the results: the agent checks it without leaving the search.
    const title = element("h3", {}, element("button", { type: "button", class: "link open-record", onclick: () => detail.open(hit.id) }, hit.name));
    return element("li", { class: "result", "data-id": hit.id }, photo,
      element("div", {}, title, element("div", { class: "meta" }, meta,
        hit.frenchFallback ? element("span", { class: "badge fallback", title: say("frenchFallback") }, say("inFrench")) : null)), button);
  }

  // The record in detail, in a dialog (Escape or ✕ closes it and the focus returns to its name).
  const detail = (() => {
    const dialog = document.getElementById("record-detail");
    if (!dialog) return { open() {} };
    const body = document.getElementById("record-detail-body"), heading = document.getElementById("record-detail-title");
    let opener = null;
    document.getElementById("record-detail-close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => opener?.focus());
    const line = (label, value, href) => value ? element("p", {}, element("strong", {}, say(label) + " "), href ? element("a", { href, target: "_blank", rel: "noopener" }, value) : value) : null;
    return {
      async open(id) {
        opener = document.activeElement;
        try {
          const r = await api("GET", `/api/records/${id}?lang=${lang()}`);
          heading.textContent = r.name;
          body.replaceChildren(
            r.photoURL ? element("img", { src: r.photoURL, alt: "", class: "detail-photo", loading: "lazy" }) : null,
            element("p", { class: "meta" }, [r.typeLabel, ...r.address].join(" · ")),
            r.frenchFallback ? element("p", { class: "muted" }, say("frenchFallback")) : null,
            r.description ? element("p", { class: "description" }, r.description) : null,
            line("periods", r.periods), line("opening", r.opening), line("prices", r.prices ?? (r.free ? say("free") : null)),
            line("phone", r.phone, r.phone ? "tel:" + r.phone.replace(/[^+\d]/g, "") : null), line("email", r.email, r.email ? "mailto:" + r.email : null),
            line("website", r.website, r.website), line("owner", r.owner),
            element("button", { type: "button", class: "primary", onclick: () => { basket.toggle(r.id, r.name); dialog.close(); } },
              say(basket.holds(r.id) ? "inBasket" : "add")));
          dialog.showModal();
        } catch (e) { status.textContent = e.message; }
      },
    };
  })();

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.getElementById("clear").addEventListener("click", () => { results.replaceChildren(); status.textContent = ""; history.replaceState(null, "", "/"); });
  more.addEventListener("click", () => run(true));

  // Saved searches.
  const panel = document.getElementById("save-panel");
  document.getElementById("save-search").addEventListener("click", () => { panel.hidden = !panel.hidden; document.getElementById("save-name").focus(); });
  document.getElementById("save-confirm").addEventListener("click", async () => {
    const error = document.getElementById("save-error");
    try {
      const p = params(); p.delete("offset");
      await api("POST", "/api/saved-searches", { name: document.getElementById("save-name").value, query: p.toString(), shared: document.getElementById("save-shared").checked });
      location.href = "/?" + p.toString();
    } catch (e) { error.hidden = false; error.textContent = e.message; }
  });

  // A saved search or a shared link: fill the form and run it.
  const initial = new URLSearchParams(location.search);
  if ([...initial.keys()].length) {
    q.value = initial.get("q") ?? "";
    for (const value of initial.getAll("category")) { const box = form.querySelector(`input[name="category"][value="${CSS.escape(value)}"]`); if (box) box.checked = true; }
    if (initial.get("near")) { near.value = initial.get("near"); radius.value = initial.get("radius") ?? 10; radiusOut.textContent = radius.value; }
    for (const name of ["from", "to"]) if (initial.get(name)) document.getElementById(name).value = initial.get(name);
    if (initial.get("lang")) document.getElementById("lang").value = initial.get("lang");
    const scopeBox = document.getElementById("scope"); if (scopeBox) scopeBox.checked = initial.get("scope") === "region";
    run();
  }
}

// ---------------------------------------------------------------- basket panel
const basket = (() => {
  const panel = document.getElementById("basket");
  if (!panel) return { add() {}, addDocument() {}, toggle() {}, mark() {}, markButton() {}, holds() { return false; } };
  const items = document.getElementById("basket-items"), count = document.getElementById("basket-count");
  const empty = document.getElementById("basket-empty"), layout = document.getElementById("basket-layout");
  const language = document.getElementById("basket-language"), preview = document.getElementById("basket-preview-image");
  const basketDocuments = document.getElementById("basket-documents");
  const announce = document.getElementById("basket-announce");
  let current = { items: [] };

  // A result's button says whether its record is in the basket, and a press adds or removes it.
  const holds = (id) => current.items.some((item) => item.id === id);
  function markButton(button) {
    const id = Number(button.dataset.id), name = button.dataset.name, inside = holds(id);
    button.textContent = say(inside ? "inBasket" : "add");
    button.setAttribute("aria-pressed", String(inside));
    button.setAttribute("aria-label", say(inside ? "inBasketLabel" : "addLabel", { name }));
    button.classList.toggle("in-basket", inside);
  }
  const mark = () => document.querySelectorAll("#results button.add[data-id]").forEach(markButton);

  function render(data) {
    current = data;
    count.textContent = data.items.length;
    empty.hidden = data.items.length > 0;
    layout.value = data.layout; language.value = data.language;
    items.replaceChildren(...data.items.map((item, i) => element("li", { "data-id": item.id },
      element("div", { class: "item" }, element("span", {}, item.name, element("br"), element("small", { class: "muted" }, [item.typeLabel, item.commune].filter(Boolean).join(" · "))),
        element("button", { type: "button", "aria-label": say("up", { name: item.name }), disabled: i === 0, onclick: () => move(i, -1) }, "↑"),
        element("button", { type: "button", "aria-label": say("down", { name: item.name }), disabled: i === data.items.length - 1, onclick: () => move(i, 1) }, "↓"),
        element("button", { type: "button", "aria-label": say("remove", { name: item.name }), onclick: () => remove(item.id) }, "✕")))));
    const documents = data.documents ?? [];
    count.textContent = data.items.length + documents.length;
    empty.hidden = data.items.length + documents.length > 0;
    basketDocuments.hidden = documents.length === 0;
    basketDocuments.querySelector("ol").replaceChildren(...documents.map((d) => element("li", { "data-document": d.id },
      element("div", { class: "item" }, element("span", {}, d.title, element("br"), element("small", { class: "muted" }, `PDF · ${say("pages", { n: d.pages })}`)),
        element("button", { type: "button", "aria-label": say("remove", { name: d.title }), onclick: () => change("DELETE", "/api/basket/documents/" + d.id) }, "✕")))));
    if (preview) preview.hidden = true;
    mark();
  }

  // Each change answers the basket as the server left it. Changes sent close together (quick
  // clicks) may be answered out of order: once the last one is back, the basket is read again.
  let pending = 0, overlapped = false;
  async function change(method, path, body) {
    overlapped = overlapped || pending > 0;
    pending += 1;
    try {
      const data = await api(method, path, body);
      if (pending === 1) render(data);
    } catch (e) {
      alert(e.message);
    } finally {
      pending -= 1;
      if (pending === 0 && overlapped) {
        overlapped = false;
        render(await api("GET", "/api/basket"));
      }
    }
  }

  function move(index, delta) {
    const ids = current.items.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id);
    return change("PUT", "/api/basket", { ids });
  }
  function remove(id) { return change("DELETE", "/api/basket/items/" + id); }
  function add(id) { return change("POST", "/api/basket/items", { id }); }
  function addDocument(id) { return change("POST", "/api/basket/documents", { id }); }
  // Adds or removes, then says so to screen readers (the basket's own live region).
  async function toggle(id, name) {
    const removing = holds(id);
    await (removing ? remove(id) : add(id));
    if (announce) announce.textContent = say(removing ? "removed" : "added", { name, n: current.items.length + (current.documents ?? []).length });
  }

  layout.addEventListener("change", () => change("PUT", "/api/basket", { layout: layout.value }));
  language.addEventListener("change", () => change("PUT", "/api/basket", { language: language.value }));
  // The first pages, large enough to read, in a dialog over the desk (Escape or ✕ closes it).
  const previewDialog = document.getElementById("preview-dialog");
  document.getElementById("preview-close")?.addEventListener("click", () => previewDialog.close());
  document.getElementById("basket-preview")?.addEventListener("click", () => {
    if (!current.items.length && !(current.documents ?? []).length) return;
    const stamp = Date.now();
    const dates = searchDates().map((p) => "&" + p).join("");
    preview.src = `/basket/preview.png?page=1&dpi=90&t=${stamp}${dates}`;
    preview.hidden = false;
    const pages = preview.parentElement;
    pages.querySelectorAll("img.more").forEach((img) => img.remove());
    for (let page = 2; page <= 4; page++) {
      const img = element("img", { class: "preview more", alt: say("previewPage", { n: page }), src: `/basket/preview.png?page=${page}&dpi=90&t=${stamp}${dates}` });
      img.addEventListener("error", () => img.remove());  // a brochure shorter than four pages
      pages.append(img);
    }
    previewDialog?.showModal();
  });
  // "Livret à plier": the office's printer gets the pages two-up in saddle-stitch order.
  const fold = document.getElementById("basket-fold");
  const pdfLink = document.getElementById("basket-pdf");
  // The dates searched go with the brochure: each record prints its periods meeting them.
  const searchDates = () => ["from", "to"].map((name) => [name, document.getElementById(name)?.value]).filter(([, v]) => v).map(([n, v]) => `${n}=${v}`);
  const pdfURL = () => "/basket.pdf?" + [...(fold?.checked ? ["imposition=booklet"] : []), ...searchDates()].join("&");
  fold?.addEventListener("change", () => { if (pdfLink) pdfLink.href = pdfURL(); });
  for (const name of ["from", "to"]) document.getElementById(name)?.addEventListener("change", () => { if (pdfLink) pdfLink.href = pdfURL(); });
  document.getElementById("basket-print")?.addEventListener("click", () => {
    const url = pdfURL();
    const frame = element("iframe", { src: url, title: say("printTitle"), class: "print-frame" });
    frame.addEventListener("load", () => { try { frame.contentWindow.print(); } catch { window.open(url); } });
    document.body.append(frame);
  });
  api("GET", "/api/basket").then(render).catch(() => {});
  return { add, addDocument, toggle, mark, markButton, holds };
})();

// ---------------------------------------------------------------- admin: logo upload
const logoFile = document.getElementById("logo-file");
if (logoFile) {
  logoFile.addEventListener("change", () => {
    const file = logoFile.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => { document.getElementById("logo-data").value = String(reader.result).split(",")[1]; };
    reader.readAsDataURL(file);
  });
}

// ---------------------------------------------------------------- forms that ask before acting (a campaign's launch)
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => { if (!window.confirm(form.dataset.confirm)) event.preventDefault(); });
}

// ---------------------------------------------------------------- admin: a contact file, read as base64 into the form
const importFile = document.getElementById("import-file");
if (importFile) {
  importFile.addEventListener("change", () => {
    const file = importFile.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => { document.getElementById("import-data").value = String(reader.result).split(",")[1] || ""; };
    reader.readAsDataURL(file);
  });
}

// ---------------------------------------------------------------- admin: an office document, sent as the PDF itself
const documentUpload = document.getElementById("document-upload");
if (documentUpload) {
  documentUpload.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("document-error");
    const file = document.getElementById("document-file").files[0];
    const title = document.getElementById("document-title").value;
    const max = Number(documentUpload.dataset.max);
    error.hidden = true;
    try {
      if (!file || !/\.pdf$/i.test(file.name) && file.type !== "application/pdf") throw new Error(say("pdfOnly"));
      if (file.size > max * 1024 * 1024) throw new Error(say("tooBig", { n: max }));
      // encodeURIComponent: a space goes as %20 (URLSearchParams would send "+", which a query keeps as is).
      const query = `title=${encodeURIComponent(title)}&name=${encodeURIComponent(file.name)}`;
      const response = await fetch("/api/documents/upload?" + query, { method: "POST", credentials: "same-origin",
        headers: { "Accept": "application/json", "Content-Type": "application/pdf", "X-CSRF-Token": csrf }, body: file });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error ?? say("error"));
      location.href = "/admin/documents?ok=documentAdded";
    } catch (e) { error.hidden = false; error.textContent = e.message; }
  });
}

// ---------------------------------------------------------------- counter form: the visitor's commune, its department filled in
const originCommune = document.querySelector("form.counter #commune");
if (originCommune) {
  const choices = document.getElementById("commune-choices"), department = document.getElementById("department");
  let pending;
  originCommune.addEventListener("input", () => {
    clearTimeout(pending);
    const text = originCommune.value.trim();
    const picked = [...choices.options].find((o) => o.value === originCommune.value);
    if (picked) {
      // "Annecy (74000)" → commune "Annecy", department from the INSEE code (97x overseas, 2A/2B Corsica).
      originCommune.value = picked.dataset.name;
      const insee = picked.dataset.insee || "";
      if (department && !department.value) department.value = insee.startsWith("97") ? insee.slice(0, 3) : insee.slice(0, 2);
      return;
    }
    if (text.length < 2) return;
    pending = setTimeout(async () => {
      try {
        const found = await api("GET", "/api/communes?q=" + encodeURIComponent(text));
        choices.replaceChildren(...found.map((c) => {
          const option = element("option", { value: `${c.name} (${c.postalCode})` });
          option.dataset.name = c.name;
          option.dataset.insee = c.insee;
          return option;
        }));
      } catch { /* no suggestions: the agent types the commune */ }
    }, 150);
  });
}

// ---------------------------------------------------------------- counter form: what follows from what was tapped
const counterForm = document.querySelector("form.counter");
if (counterForm) {
  // The nights from the arrival and departure dates (until the agent types a number of their own).
  const stayFrom = document.getElementById("stayFrom"), stayTo = document.getElementById("stayTo"), nights = document.getElementById("nights");
  let typedNights = Boolean(nights?.value);
  nights?.addEventListener("input", () => { typedNights = nights.value !== ""; });
  const computeNights = () => {
    if (!stayFrom?.value || !stayTo?.value || typedNights) return;
    const days = Math.round((Date.parse(stayTo.value) - Date.parse(stayFrom.value)) / 86400000);
    if (days >= 0 && days <= 365) nights.value = String(days);
  };
  stayFrom?.addEventListener("change", computeNights);
  stayTo?.addEventListener("change", computeNights);
  // A couple is two; a family's size is asked (the field takes the focus).
  const partySize = document.getElementById("partySize");
  for (const choice of counterForm.querySelectorAll('input[name="partyKind"]')) {
    choice.addEventListener("change", () => {
      if (choice.value === "couple") partySize.value = "2";
      else if (choice.value === "seul") partySize.value = "1";
      else if (choice.value === "famille" || choice.value === "groupe") { if (partySize.value === "2" || partySize.value === "1") partySize.value = ""; partySize.focus(); }
    });
  }
  // A reply by e-mail, post, SMS or phone needs the visitor's details: they open.
  const details = document.getElementById("contact-details"), responseMode = document.getElementById("responseMode");
  const needsAddress = () => ["email", "courrier", "sms", "telephone"].includes(responseMode?.value);
  responseMode?.addEventListener("change", () => { if (needsAddress() && details) details.open = true; });
  if (needsAddress() && details) details.open = true;
}
