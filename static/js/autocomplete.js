// Progressive enhancement: search boxes with data-autocomplete="<suggest URL>" become an
// ARIA 1.2 combobox with a list of matching pages. Without JavaScript the form still submits.
(function () {
  "use strict";
  var counter = 0;

  function setup(input) {
    var url = input.getAttribute("data-autocomplete");
    if (!url) return;
    counter += 1;
    var listId = "autocomplete-list-" + counter;
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    wrapper.appendChild(list);

    // A polite live region (not role=status, which belongs to the page's result count).
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(item) {
      window.location.href = item.getAttribute("data-url");
    }

    function render(suggestions) {
      list.innerHTML = "";
      items = suggestions.map(function (suggestion, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", suggestion.url);
        var title = document.createElement("span");
        title.className = "autocomplete__title";
        title.textContent = suggestion.title;
        option.appendChild(title);
        if (suggestion.type_label) {
          var type = document.createElement("span");
          type.className = "autocomplete__type";
          type.textContent = suggestion.type_label;
          option.appendChild(type);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          go(option);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = items.length === 1
          ? "1 suggestie. Gebruik de pijltjestoetsen om te kiezen."
          : items.length + " suggesties. Gebruik de pijltjestoetsen om te kiezen.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) {
        close();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === text) render(data.suggestions || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (!items.length) return;
        event.preventDefault();
        highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        highlight(active - 1 < 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (active >= 0 && items[active]) {
          event.preventDefault();
          go(items[active]);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
