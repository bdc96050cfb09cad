// "Select all on this page": a header checkbox ticks every row checkbox of its form.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  var form = box.form || box.closest("form");
  if (!form) return;
  form.querySelectorAll('input[type="checkbox"][name="' + box.dataset.selectAll + '"]').forEach(function (row) {
    row.checked = box.checked;
  });
});
