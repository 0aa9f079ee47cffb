// Take-away in the browser (lessons/widgets/take_away.py): a Print button that opens the page in a
// new tab and prints it there, and times shown in the learner's own time zone. No kernel round trip.
const LOCALES = { en: "en-GB", zh: "zh-CN" };

function formatTimes(root, lang) {
  const format = new Intl.DateTimeFormat(LOCALES[lang] || lang, {
    year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit",
  });
  for (const el of root.querySelectorAll("time.pi-local-time[datetime]")) {
    const when = new Date(el.getAttribute("datetime"));
    if (Number.isNaN(when.getTime())) continue;
    const text = format.format(when);
    if (el.textContent !== text) el.textContent = text;  // no change, no new mutation: the observer settles
  }
}

// The page in a tab of its own, printed once it has loaded; a blocked pop-up prints from a hidden frame.
function printPage(doc) {
  const url = URL.createObjectURL(new Blob([doc], { type: "text/html;charset=utf-8" }));
  const tab = window.open(url, "_blank");
  if (tab) {
    let tries = 0;
    const wait = setInterval(() => {
      let ready = false;
      try {
        ready = tab.location.href === url && tab.document.readyState === "complete";
      } catch (e) {
        ready = false;
      }
      if (ready || ++tries > 100) {
        clearInterval(wait);
        if (ready) {
          tab.focus();
          tab.print();
        }
      }
    }, 100);
    setTimeout(() => URL.revokeObjectURL(url), 600000);
    return;
  }
  URL.revokeObjectURL(url);
  const frame = document.createElement("iframe");
  frame.setAttribute("aria-hidden", "true");
  frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0";
  frame.onload = () => {
    frame.contentWindow.focus();
    frame.contentWindow.print();
    setTimeout(() => frame.remove(), 60000);
  };
  frame.srcdoc = doc;
  document.body.appendChild(frame);
}

export default {
  render({ model, el }) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "jupyter-button widget-button pi-print-button";
    el.appendChild(button);
    button.classList.add(`pi-${model.get("role")}`);  // as the browser tests press it, like an ipywidgets button
    const draw = () => {
      button.textContent = model.get("label");
      button.title = model.get("tip");
      button.hidden = !model.get("document");
    };
    button.addEventListener("click", () => printPage(model.get("document")));

    let root = null, observer = null, tries = 0, stopped = false;
    const times = () => root && formatTimes(root, model.get("lang"));
    const attach = () => {
      if (stopped) return;
      root = el.closest(".pi-lesson-widget");
      if (!root) {  // a view is put into the page after render(): look again shortly
        if (++tries < 400) setTimeout(attach, 25);
        return;
      }
      draw();
      times();
      observer = new MutationObserver(times);
      observer.observe(root, { subtree: true, childList: true, characterData: true });
    };
    const changed = () => { draw(); times(); };
    model.on("change", changed);
    draw();
    attach();
    return () => {
      stopped = true;
      if (observer) observer.disconnect();
      model.off("change", changed);
    };
  },
};
