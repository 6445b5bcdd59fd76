// planqa's page script (served inline by the app itself): the page's language, citations that open their source,
// copy buttons, recent questions kept in this browser, links into the Documents tab.
(() => {
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang") === "en" ? "en" : "vi";
  document.documentElement.lang = lang;
  const RECENT_KEY = "planqa.recent";
  const RECENT_MAX = 8;
  const COPIED = { vi: "Đã sao chép", en: "Copied" };

  function openCitation(card, n, scroll = true) {
    card.querySelectorAll(".pq-source").forEach((s) => { s.hidden = s.dataset.cite !== n; });
    card.querySelectorAll(".pq-cite").forEach((b) => b.setAttribute("aria-expanded", String(b.dataset.cite === n)));
    const hint = card.querySelector(".pq-source-hint");
    if (hint) hint.hidden = true;
    const source = card.querySelector(`.pq-source[data-cite="${n}"]`);
    if (source && scroll) (source.querySelector("mark") || source).scrollIntoView({ block: "center" });
  }

  async function copy(text, card) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    const note = card && card.querySelector(".pq-copied");
    if (note) note.textContent = COPIED[lang];
  }

  function openDocument(id) {
    const tab = [...document.querySelectorAll("#pq-tabs [role=tab]")].pop();
    if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
    let waits = 0, scrolls = 0;
    const show = () => {  // the tab renders its content a moment after the click: wait for it, then scroll
      const target = document.getElementById(id);
      if (target) for (let d = target; d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
      if (target && target.getBoundingClientRect().height > 0) {
        window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY - 8);
        if (++scrolls < 10) setTimeout(show, 120);  // again while the tab's layout settles
      } else if (++waits < 40) {
        setTimeout(show, 75);
      }
    };
    show();
  }

  function recent() {
    try { return JSON.parse(localStorage.getItem(RECENT_KEY) || "[]"); } catch { return []; }
  }

  function remember(question) {
    const list = [question, ...recent().filter((q) => q !== question)].slice(0, RECENT_MAX);
    try { localStorage.setItem(RECENT_KEY, JSON.stringify(list)); } catch { /* storage off: nothing kept */ }
  }

  function showRecent() {
    const nav = document.querySelector(".pq-recent");
    if (!nav) return;
    const list = recent();
    const key = JSON.stringify(list);
    if (nav.dataset.shown === key) return;
    nav.dataset.shown = key;
    nav.hidden = list.length === 0;
    const ul = nav.querySelector("ul");
    ul.replaceChildren(...list.map((q) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      const p = new URLSearchParams({ q });
      if (lang === "en") p.set("lang", "en");
      a.href = "?" + p.toString();
      a.textContent = q;
      li.appendChild(a);
      return li;
    }));
  }

  let lastCard = null;
  function onChange() {
    const card = document.querySelector(".pq-card[data-question]");
    if (card && card !== lastCard) {
      lastCard = card;
      if (card.dataset.question.trim()) remember(card.dataset.question);
      if (card.dataset.open !== "0") openCitation(card, card.dataset.open, false);
    }
    showRecent();
  }

  document.addEventListener("click", (event) => {
    const target = event.target;
    const cite = target.closest(".pq-cite, .pq-marker");
    if (cite) return openCitation(cite.closest(".pq-card"), cite.dataset.cite);
    const copyButton = target.closest(".pq-copy");
    if (copyButton) return copy(copyButton.dataset.copy, copyButton.closest(".pq-card"));
    const linkButton = target.closest(".pq-copy-link");
    if (linkButton) return copy(new URL(linkButton.dataset.link, location.href).href, linkButton.closest(".pq-card"));
    const switcher = target.closest(".pq-lang");
    if (switcher) {
      event.preventDefault();
      const p = new URLSearchParams(location.search);
      p.set("lang", switcher.dataset.lang);
      location.search = p.toString();
      return;
    }
    const docLink = target.closest('a[href^="#d-"]');
    if (docLink) {
      event.preventDefault();
      openDocument(docLink.getAttribute("href").slice(1));
    }
  });

  new MutationObserver(onChange).observe(document.documentElement, { childList: true, subtree: true });
})();
