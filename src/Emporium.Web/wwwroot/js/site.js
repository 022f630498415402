// Progressive enhancement only: every page works without this file.

// Styles may hide what only a script-less browser needs (the sort form's button).
document.documentElement.classList.add("js");

// Autocomplete: the search box's datalist is filled from /api/search/suggest as the shopper types.
const suggestTimers = new WeakMap();

function wireSuggestions(root) {
  for (const input of root.querySelectorAll("input[data-suggest]")) {
    if (input.dataset.suggestWired) continue;
    input.dataset.suggestWired = "1";
    input.addEventListener("input", () => {
      clearTimeout(suggestTimers.get(input));
      suggestTimers.set(input, setTimeout(() => suggest(input), 150));
    });
  }
}

// GET /api/search/suggest?q= answers { query, suggestions: [{ kind: "product" | "brand" | "category", text, value }] }.
async function suggest(input) {
  const list = document.getElementById(input.getAttribute("list"));
  const q = input.value.trim();
  if (!list || q.length < 2) return;
  try {
    const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const { suggestions = [] } = await response.json();
    // A late answer for an older prefix must not replace the current one's.
    if (input.value.trim() !== q) return;
    const seen = new Set();
    list.replaceChildren(...suggestions.filter(s => !seen.has(s.text) && seen.add(s.text)).map(s => {
      const option = document.createElement("option");
      option.value = s.text;
      option.label = s.kind === "product" ? s.text : `${s.text} (${s.kind})`;
      return option;
    }));
  } catch {
    // Suggestions are a convenience; a failed fetch leaves the plain search box.
  }
}

// A select marked data-autosubmit (the results' sort) submits its GET form on change; the button stays for no-JS.
function wireAutosubmit(root) {
  for (const select of root.querySelectorAll("select[data-autosubmit]")) {
    if (select.dataset.autosubmitWired) continue;
    select.dataset.autosubmitWired = "1";
    select.addEventListener("change", () => select.form?.requestSubmit());
  }
}

// Pages register small behaviours here; each runs on load and after every enhanced navigation.
const behaviours = [wireSuggestions, wireAutosubmit];
export function register(behaviour) { behaviours.push(behaviour); behaviour(document); }

function runAll() { for (const behaviour of behaviours) behaviour(document); }
document.addEventListener("DOMContentLoaded", runAll);
if (document.readyState !== "loading") runAll();
// blazor.web.js raises this after it patches the page in an enhanced navigation.
if (window.Blazor) window.Blazor.addEventListener?.("enhancedload", runAll);
else document.addEventListener("DOMContentLoaded", () => window.Blazor?.addEventListener?.("enhancedload", runAll));
