// Progressive enhancement for the flash-sale page: the countdown ticks every second, and a buyer in the
// waiting room sees their place move without reloading. Without this file the page refreshes itself.

const pollEveryMs = 2000;

function pad(n) { return String(n).padStart(2, "0"); }

// The same shape the server renders (SaleText.Span): "2 d 03:04:05" or "03:04:05".
function span(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const clock = `${pad(Math.floor(total / 3600) % 24)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

function wireCountdowns(root) {
  for (const element of root.querySelectorAll("[data-countdown-to]")) {
    if (element.dataset.countdownWired) continue;
    element.dataset.countdownWired = "1";
    const target = Date.parse(element.dataset.countdownTo);
    // Only the sale's start reloads the page (to show the buy or queue button); a claim's deadline just stops.
    const reloadAtZero = element.closest("[data-test=countdown], .flash-countdown") !== null;
    const timer = setInterval(() => {
      if (!element.isConnected) { clearInterval(timer); return; }
      const left = target - Date.now();
      element.textContent = span(left);
      if (left <= 0) {
        clearInterval(timer);
        if (reloadAtZero) setTimeout(() => location.reload(), 500);
      }
    }, 1000);
  }
}

function ahead(n) {
  if (n === 0) return "You are next in line.";
  if (n === 1) return "1 person is ahead of you.";
  return `${n} people are ahead of you.`;
}

function wireQueue(root) {
  for (const box of root.querySelectorAll("[data-queue-poll]")) {
    if (box.dataset.queueWired) continue;
    box.dataset.queueWired = "1";
    const section = box.closest("[data-flash-sale]");
    const position = box.querySelector("[data-queue-position]");
    const wait = box.querySelector("[data-queue-wait]");
    const form = section?.querySelector("[data-buy-form]");
    const token = form?.querySelector("[data-purchase-token]");

    async function poll() {
      if (!box.isConnected) return;
      try {
        const response = await fetch(box.dataset.queuePoll, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok) {
          // Sold out, ended or the ticket lost: the server page says which.
          if (response.status === 404 || response.status === 410) { location.reload(); return; }
        } else {
          const ticket = await response.json();
          if (ticket.status === "admitted" && form && token) {
            token.value = ticket.purchaseToken;
            box.hidden = true;
            form.hidden = false;
            form.querySelector("button")?.focus();
            return;
          }
          if (ticket.status === "admitted") { location.reload(); return; }
          position.textContent = ahead(ticket.position);
          wait.textContent = `Estimated wait: about ${Math.max(1, ticket.estimatedWaitSeconds)} s.`;
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
      setTimeout(poll, pollEveryMs);
    }

    setTimeout(poll, pollEveryMs);
  }
}

function wireAll() { wireCountdowns(document); wireQueue(document); }

document.addEventListener("DOMContentLoaded", wireAll);
if (document.readyState !== "loading") wireAll();
// blazor.web.js raises this after it patches the page in an enhanced navigation.
if (window.Blazor) window.Blazor.addEventListener?.("enhancedload", wireAll);
else document.addEventListener("DOMContentLoaded", () => window.Blazor?.addEventListener?.("enhancedload", wireAll));
