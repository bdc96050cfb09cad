// Shortlist weights: show each slider's value beside it as it moves.
document.querySelectorAll("fieldset.weights input[type=range]").forEach((slider) => {
  slider.addEventListener("input", () => {
    slider.nextElementSibling.value = slider.value;
  });
});
