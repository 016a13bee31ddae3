/*
 * Lesson page enhancement. Without JavaScript every form posts and the page reloads; with it:
 * - quiz answers are checked in place and the feedback is announced (role="status");
 * - reading progress (how far down the lesson) and time on the page are saved now and then.
 * The server treats repeated calls as one, so a lost or doubled request does no harm.
 */
(function () {
    "use strict";

    var lesson = document.querySelector("[data-lesson-page]");
    if (!lesson || !window.fetch) {
        return;
    }
    var lessonId = parseInt(lesson.getAttribute("data-lesson"), 10);
    var viewId = lesson.getAttribute("data-view");
    var progressUrl = lesson.getAttribute("data-progress-url");
    var answerUrl = lesson.getAttribute("data-answer-url");

    function csrfToken() {
        var input = document.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    function postJson(url, body, keepalive) {
        return fetch(url, {
            method: "POST",
            credentials: "same-origin",
            keepalive: !!keepalive,
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
            body: JSON.stringify(body)
        });
    }

    function text(tag, className, content) {
        var element = document.createElement(tag);
        if (className) {
            element.className = className;
        }
        element.textContent = content;
        return element;
    }

    /* --- Quiz questions ------------------------------------------------------------------- */
    Array.prototype.forEach.call(document.querySelectorAll("[data-quiz-form]"), function (form) {
        form.addEventListener("submit", function (event) {
            var chosen = Array.prototype.map.call(
                form.querySelectorAll("input[name=antwoord]:checked"),
                function (input) { return input.value; }
            );
            var feedback = form.querySelector("[data-quiz-feedback]");
            if (!chosen.length || !feedback) {
                return; /* let the server explain what is missing */
            }
            event.preventDefault();
            postJson(answerUrl, {
                lesson: lessonId,
                question: form.getAttribute("data-question"),
                options: chosen
            }).then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            }).then(function (data) {
                var labels = {};
                Array.prototype.forEach.call(form.querySelectorAll("input[name=antwoord]"), function (input) {
                    var label = form.querySelector("label[for='" + input.id + "']");
                    labels[input.value] = label ? label.textContent : "";
                });
                feedback.textContent = "";
                feedback.appendChild(text(
                    "p",
                    "quiz__verdict quiz__verdict--" + (data.correct ? "right" : "wrong"),
                    data.correct ? "Goed beantwoord." : "Nog niet helemaal goed."
                ));
                var list = document.createElement("ul");
                list.className = "quiz__option-feedback";
                data.feedback.forEach(function (item) {
                    if (item.feedback) {
                        var entry = document.createElement("li");
                        entry.appendChild(text("strong", "", labels[item.option] + ": "));
                        entry.appendChild(document.createTextNode(item.feedback));
                        list.appendChild(entry);
                    }
                });
                feedback.appendChild(list);
                if (data.explanation) {
                    var explanation = text("p", "quiz__explanation", " " + data.explanation);
                    explanation.insertBefore(text("strong", "", "Uitleg:"), explanation.firstChild);
                    feedback.appendChild(explanation);
                }
                /* As after the no-JS reload: focus the feedback, so it is read out at once. */
                feedback.setAttribute("tabindex", "-1");
                feedback.focus();
                var button = form.querySelector("button[type=submit]");
                if (button) {
                    button.textContent = "Opnieuw antwoorden";
                }
            }).catch(function () {
                form.submit(); /* fall back to the ordinary form post */
            });
        });
    });

    /* --- Reading progress and time ---------------------------------------------------------- */
    var blocks = lesson.querySelectorAll(".lesson__body > *");
    var seen = 0;
    var maxProgress = 0;
    var visibleSeconds = 0;
    var lastSent = -1;

    if ("IntersectionObserver" in window && blocks.length) {
        var index = new Map();
        Array.prototype.forEach.call(blocks, function (block, position) { index.set(block, position + 1); });
        var observer = new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                if (entry.isIntersecting) {
                    seen = Math.max(seen, index.get(entry.target));
                    maxProgress = Math.min(1, seen / blocks.length);
                }
            });
        });
        Array.prototype.forEach.call(blocks, function (block) { observer.observe(block); });
    }

    setInterval(function () {
        if (document.visibilityState === "visible") {
            visibleSeconds += 1;
        }
    }, 1000);

    function send(keepalive) {
        var state = maxProgress + ":" + visibleSeconds;
        if (state === lastSent) {
            return;
        }
        lastSent = state;
        postJson(progressUrl, {
            lesson: lessonId,
            progress: Math.round(maxProgress * 100) / 100,
            view: viewId,
            seconds: visibleSeconds
        }, keepalive).catch(function () { lastSent = -1; });
    }

    setInterval(function () { send(false); }, 20000);
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") {
            send(true);
        }
    });
})();
