// Hand in from the static site (lessons/widgets/site_hand_in.py). The class server's hand-in service is
// another origin: its sign-in window (the hub's login) sends this page a token with postMessage, addressed
// to this site's origin only; the file is then posted with that token (CORS, no cookies). The token is kept
// in this page's memory only, for the next hand-in; a refused token is dropped and the window opens again.
const TOKEN_MESSAGE = "pi-lessons-token";  // lessons/server/handin_service.py
const tokens = new Map();  // service URL -> token, for this page's lifetime

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function signIn(service) {
  return new Promise((resolve, reject) => {
    const popup = window.open(new URL("site-login", service).href, "pi-lessons-hand-in", "popup,width=560,height=720");
    if (!popup) {
      reject(new Error("blocked"));
      return;
    }
    const origin = new URL(service).origin;
    let settled = false;
    const done = () => {
      settled = true;
      clearInterval(watch);
      window.removeEventListener("message", onMessage);
    };
    const onMessage = (event) => {
      // Only the window opened here, from the service's origin, is believed.
      if (event.source !== popup || event.origin !== origin || !event.data || event.data.type !== TOKEN_MESSAGE) {
        return;
      }
      done();
      popup.close();
      resolve(String(event.data.token));
    };
    const watch = setInterval(() => {
      if (popup.closed) {
        clearInterval(watch);
        // The window may have closed right after sending the token, before its message was handled here:
        // give the message a moment before saying it was closed without signing in.
        setTimeout(() => {
          if (!settled) {
            done();
            reject(new Error("closed"));
          }
        }, 1500);
      }
    }, 500);
    window.addEventListener("message", onMessage);
  });
}

async function send(service, token, file) {
  const response = await fetch(new URL("api/handin", service).href, {
    method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
    headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
    body: file,
  });
  let data = {};
  try {
    data = await response.json();
  } catch (e) {
    data = {};
  }
  return { status: response.status, data };
}

function localTime(iso, lang) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return when.toLocaleString(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short" });
}

export default {
  render({ model, el }) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "jupyter-button widget-button pi-print-button pi-site-hand-in";
    const status = document.createElement("div");
    status.className = "pi-site-receipt";
    status.setAttribute("role", "status");
    el.append(button, status);
    const t = (key) => (model.get("texts") || {})[key] || "";
    const say = (text, problem) => {
      status.replaceChildren();
      const p = document.createElement("p");
      p.textContent = problem ? fill(t("failed"), { problem: text }) : text;
      if (problem) p.style.color = "#b3261e";
      status.append(p);
    };
    const draw = () => {
      button.textContent = t("label");
      button.title = t("tip");
      button.hidden = !model.get("file");
    };
    button.addEventListener("click", async () => {
      const service = model.get("service");
      const lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
      button.disabled = true;
      try {
        let fresh = false;
        for (;;) {
          let token = tokens.get(service);
          if (!token) {
            say(t("signing_in"));
            try {
              token = await signIn(service);
            } catch (err) {
              say(err.message === "blocked" ? t("blocked") : t("not_signed_in"), true);
              return;
            }
            tokens.set(service, token);
            fresh = true;
          }
          say(t("sending"));
          let reply;
          try {
            reply = await send(service, token, model.get("file"));
          } catch (e) {
            say(t("unreachable"), true);
            return;
          }
          if (reply.status === 403 && !fresh) {  // a token the hub no longer knows: sign in again, once
            tokens.delete(service);
            continue;
          }
          if (reply.status !== 200) {
            const known = reply.data && t(`problem_${reply.data.key}`);
            say(known || fill(t("refused"), { status: reply.status }), true);
            return;
          }
          const d = reply.data;
          status.replaceChildren();
          const receipt = document.createElement("p");
          receipt.textContent = fill(t("receipt"), { time: localTime(d.time, lang), file: model.get("file_name") });
          const details = document.createElement("details");
          const summary = document.createElement("summary");
          summary.textContent = t("check");
          const small = document.createElement("small");
          const code = document.createElement("code");
          code.textContent = d.sha256 || "";
          small.append(`${t("check_text")} `, code);
          details.append(summary, small);
          status.append(receipt, details);
          return;
        }
      } finally {
        button.disabled = false;
      }
    });
    model.on("change", draw);
    draw();
    return () => model.off("change", draw);
  },
};
