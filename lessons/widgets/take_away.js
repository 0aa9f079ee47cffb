// Take-away in the browser (lessons/widgets/take_away.py): a Print button that opens the page in a
// new tab and prints it there. No kernel round trip. (Times in the learner's zone: aria.js.)
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

    model.on("change", draw);
    draw();
    return () => model.off("change", draw);
  },
};
