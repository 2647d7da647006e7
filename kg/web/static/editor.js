// The SPARQL page: picking an example puts its text in the editor.
(function () {
  var examples = document.getElementById("examples");
  var query = document.getElementById("query");
  if (!examples || !query) return;
  examples.insertBefore(new Option("(pick one)", "", true, true), examples.firstChild);
  examples.addEventListener("change", function () {
    if (examples.value) query.value = examples.value;
  });
})();
