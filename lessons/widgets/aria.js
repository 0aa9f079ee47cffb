// The course's ARIA layer: ipywidgets 8 cannot set ARIA attributes from Python, so this invisible
// child of every lesson widget keeps them on the widget's own DOM (and survives every redraw). It also
// shows the widget's times (<time class="pi-local-time">, take_away.local_time) in the learner's zone.
const LIVE = ".pi-feedback, .pi-notice, .pi-result, .pi-score, .pi-verdict, .pi-message, .pi-problem, .pi-receipt";
let uid = 0;

function labelId(box) {
  const label = box.querySelector(":scope > .widget-label");
  if (!label || !label.textContent.trim()) return null;
  if (!label.id) label.id = `pi-aria-label-${++uid}`;
  return label.id;
}

// The prompt shown just before a control (an HTML part), for a control left without a description.
function promptId(box) {
  const prompt = box.previousElementSibling;
  if (!prompt || !prompt.classList.contains("widget-html") || !prompt.textContent.trim()) return null;
  if (!prompt.id) prompt.id = `pi-aria-prompt-${++uid}`;
  return prompt.id;
}

function set(el, name, value) {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

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

function apply(root, lang) {
  set(root, "lang", lang);
  for (const b of root.querySelectorAll(".widget-toggle-button")) {
    set(b, "aria-pressed", b.classList.contains("mod-active") ? "true" : "false");
  }
  for (const box of root.querySelectorAll(".widget-toggle-buttons")) {
    const group = box.querySelector(".btn-group") || box;
    set(group, "role", "group");
    set(group, "aria-labelledby", labelId(box));
  }
  for (const box of root.querySelectorAll(".widget-radio")) {
    const group = box.querySelector(".widget-radio-box");
    if (!group) continue;
    set(group, "role", "radiogroup");
    set(group, "aria-labelledby", labelId(box) || promptId(box));
    // One name per group: Tab stops once, the arrow keys choose (ipywidgets gives its radios no name).
    if (!group.dataset.piName) group.dataset.piName = `pi-radio-${++uid}`;
    for (const input of group.querySelectorAll("input[type=radio]")) set(input, "name", group.dataset.piName);
  }
  // A control left without a description (against the contract in base.py) is named by the prompt
  // shown just before it, so it is never announced as a bare "combo box".
  for (const box of root.querySelectorAll(".widget-inline-hbox")) {
    const control = box.querySelector(":scope > select, :scope > input, :scope > textarea");
    const label = box.querySelector(":scope > .widget-label");
    if (!control || (label && label.textContent.trim()) || control.hasAttribute("aria-label")) continue;
    set(control, "aria-labelledby", promptId(box));
  }
  // ipywidgets writes "Upload (0)" on a file button: the count of files the widget still holds, which is
  // always 0 here (the bytes are dropped once read). It means nothing to a learner: show the label alone.
  for (const button of root.querySelectorAll(".widget-upload")) {
    for (const node of button.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && /\s*\(\d+\)\s*$/.test(node.data)) {
        node.data = node.data.replace(/\s*\(\d+\)\s*$/, "");
      }
    }
  }
  for (const part of root.querySelectorAll(LIVE)) {
    set(part, "role", "status");
    set(part, "aria-live", "polite");
  }
  formatTimes(root, lang);
}

export default {
  render({ model, el }) {
    let root = null, observer = null, tries = 0, stopped = false;
    const update = () => root && apply(root, model.get("lang"));
    const attach = () => {
      if (stopped) return;
      root = el.closest(".pi-lesson-widget");
      if (!root) {  // a view is put into the page after render(): look again shortly
        if (++tries < 400) setTimeout(attach, 25);
        return;
      }
      update();
      observer = new MutationObserver(update);
      observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"],
                                characterData: true });
    };
    model.on("change:lang", update);
    attach();
    return () => {
      stopped = true;
      if (observer) observer.disconnect();
      model.off("change:lang", update);
    };
  },
};
