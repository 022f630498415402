// Progressive enhancement only: every page works without this file.

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

async function suggest(input) {
  const list = document.getElementById(input.getAttribute("list"));
  const q = input.value.trim();
  if (!list || q.length < 2) return;
  try {
    const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const body = await response.json();
    const items = Array.isArray(body) ? body : (body.suggestions ?? body.items ?? []);
    list.replaceChildren(...items.slice(0, 10).map(item => {
      const option = document.createElement("option");
      option.value = typeof item === "string" ? item : (item.text ?? item.value ?? item.title ?? "");
      return option;
    }));
  } catch {
    // Suggestions are a convenience; a failed fetch leaves the plain search box.
  }
}

// Pages register small behaviours here; each runs on load and after every enhanced navigation.
const behaviours = [wireSuggestions];
export function register(behaviour) { behaviours.push(behaviour); behaviour(document); }

function runAll() { for (const behaviour of behaviours) behaviour(document); }
document.addEventListener("DOMContentLoaded", runAll);
if (document.readyState !== "loading") runAll();
// blazor.web.js raises this after it patches the page in an enhanced navigation.
if (window.Blazor) window.Blazor.addEventListener?.("enhancedload", runAll);
else document.addEventListener("DOMContentLoaded", () => window.Blazor?.addEventListener?.("enhancedload", runAll));
