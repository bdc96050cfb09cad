// The campaign board: drag a card to another column to move it (SortableJS), through the
// same route as the card's stage menu, so the server decides whether the move is legal.
(function () {
  "use strict";

  function init() {
    var board = document.getElementById("board");
    if (!board || board.dataset.editable !== "true" || typeof Sortable === "undefined") return;
    board.querySelectorAll("ol.cards").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: { name: "board", put: list.dataset.stage !== "lost" },
        animation: 150,
        draggable: ".kcard",
        filter: "select, button, input, a",
        preventOnFilter: false,
        forceFallback: true,  // pointer events rather than native drag: the same on every browser
        onEnd: function (event) {
          var stage = event.to.dataset.stage;
          if (stage === event.from.dataset.stage) return;
          htmx.ajax("POST", "/opportunities/" + event.item.dataset.id + "/move", {
            target: "#board",
            swap: "outerHTML",
            values: { stage: stage },
            headers: { "X-CSRF-Token": board.dataset.csrf }
          });
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
