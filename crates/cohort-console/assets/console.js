// The rule editor, enhanced: Add, Remove, Open Chooser, Search and Pick happen in the page.
// Without this script every one of them is a submit button the server answers by
// re-rendering the form, so the editor works (and is tested) either way.
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  if (!form) return;
  var counter = 0;
  function freshUid() {
    return "j" + Date.now().toString(36) + (counter++).toString(36);
  }
  function fetchText(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(
      function (res) {
        if (!res.ok || res.redirected) throw new Error("HTTP " + res.status);
        return res.text();
      }
    );
  }
  function search(uid) {
    var input = form.querySelector('input[data-chooser="' + uid + '"]');
    var out = document.getElementById("chooser-results-" + uid);
    var q = input ? input.value : "";
    return fetchText(
      "/rules/chooser?node=" + encodeURIComponent(uid) + "&q=" + encodeURIComponent(q)
    ).then(function (html) {
      out.innerHTML = html;
    });
  }
  function handle(verb, arg, button) {
    if (verb === "add") {
      var node = document.getElementById("node-" + arg);
      var kind = form.elements["n." + arg + ".new"].value;
      var url =
        "/rules/node?kind=" + encodeURIComponent(kind) + "&parent=" + encodeURIComponent(arg) +
        "&uid=" + freshUid() + "&scope=" + encodeURIComponent(node.dataset.scope);
      return fetchText(url).then(function (html) {
        var list = document.getElementById("children-" + arg);
        list.insertAdjacentHTML("beforeend", html);
        var first = list.lastElementChild.querySelector("select, input:not([type=hidden])");
        if (first) first.focus();
      });
    }
    if (verb === "remove") {
      var gone = document.getElementById("node-" + arg);
      var owner = gone.parentElement.closest("li.node");
      gone.remove();
      if (owner) owner.querySelector(".add select").focus();
      return Promise.resolve();
    }
    if (verb === "choose") {
      var panel = document.getElementById("chooser-" + arg);
      panel.hidden = false;
      panel.querySelector("input").focus();
      return search(arg);
    }
    if (verb === "pick") {
      var at = arg.indexOf(":");
      var uid = arg.slice(0, at);
      var id = arg.slice(at + 1);
      var input = document.getElementById("ids-" + uid);
      var ids = input.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      if (ids.indexOf(id) < 0) ids.push(id);
      input.value = ids.join(", ");
      button.textContent = "Picked";
      return Promise.resolve();
    }
    return null;
  }
  form.addEventListener("click", function (ev) {
    var button = ev.target.closest('button[name="op"]');
    if (!button) return;
    var op = button.value;
    var at = op.indexOf(":");
    if (at < 0) return; // Save: a real submit.
    var done = handle(op.slice(0, at), op.slice(at + 1), button);
    if (!done) return;
    ev.preventDefault();
    // Whatever failed in the page, the server can do: submit with the same button.
    done.catch(function () { form.requestSubmit(button); });
  });
  var timer = null;
  form.addEventListener("input", function (ev) {
    var uid = ev.target.dataset && ev.target.dataset.chooser;
    if (!uid) return;
    clearTimeout(timer);
    timer = setTimeout(function () { search(uid).catch(function () {}); }, 200);
  });
  form.addEventListener("keydown", function (ev) {
    var uid = ev.target.dataset && ev.target.dataset.chooser;
    if (!uid) return;
    if (ev.key === "Enter") {
      ev.preventDefault();
      search(uid).catch(function () {});
    } else if (ev.key === "Escape") {
      document.getElementById("chooser-" + uid).hidden = true;
      form.querySelector('button[value="choose:' + uid + '"]').focus();
    }
  });
})();
