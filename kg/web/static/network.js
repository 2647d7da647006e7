// The agent network: edges from /network.json drawn with cytoscape; PNG and JSON of what is on screen.
(function () {
  var colours = { outlet: "#1f77b4", official: "#9467bd", government: "#17becf", organization: "#8c564b",
                  person: "#e377c2", unnamed: "#7f7f7f", agent: "#bcbd22" };
  var edgeColours = { "quotes": "#4c78a8", "counters": "#d62728", "same matter": "#8c564b" };
  var form = document.getElementById("network-form");
  var meta = document.getElementById("network-meta");
  var cy = null;

  function save(name, href) {
    var a = document.createElement("a");
    a.href = href; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  }

  function draw(elements) {
    if (cy) cy.destroy();
    cy = cytoscape({
      container: document.getElementById("cy"),
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 9, "width": "mapData(degree, 1, 30, 8, 36)",
          "height": "mapData(degree, 1, 30, 8, 36)", "background-color": function (n) { return colours[n.data("type")] || "#bcbd22"; },
          "text-valign": "bottom", "color": "#333" } },
        { selector: "edge", style: { "width": "mapData(weight, 1, 20, 1, 8)", "curve-style": "bezier", "opacity": 0.7,
          "target-arrow-shape": "triangle", "arrow-scale": 0.6,
          "line-color": function (e) { return edgeColours[e.data("relation")] || "#999"; },
          "target-arrow-color": function (e) { return edgeColours[e.data("relation")] || "#999"; } } }
      ],
      layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 60, randomize: false }
    });
    cy.nodes().forEach(function (n) { n.data("degree", n.degree()); });
    cy.on("tap", "node", function (evt) { window.location = "/agent?iri=" + encodeURIComponent(evt.target.id()); });
    window.kgNetwork = cy;
    meta.textContent = elements.nodes.length + " agents, " + elements.edges.length + " edges.";
    document.body.setAttribute("data-network", "ready");
  }

  function load() {
    var params = new URLSearchParams(new FormData(form));
    meta.textContent = "Loading…";
    fetch("/network.json?" + params.toString())
      .then(function (r) { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.json(); })
      .then(draw)
      .catch(function (err) { meta.textContent = "Could not load the network: " + err.message; });
  }

  form.addEventListener("submit", function (evt) { evt.preventDefault(); load(); });
  document.getElementById("save-png").addEventListener("click", function () {
    if (cy) save("kg-network.png", cy.png({ full: false, bg: "#ffffff", scale: 2 }));
  });
  document.getElementById("save-json").addEventListener("click", function () {
    if (!cy) return;
    var shown = cy.elements().filter(function (el) { return el.visible(); });
    var blob = new Blob([JSON.stringify({ elements: shown.jsons() }, null, 1)], { type: "application/json" });
    save("kg-network.json", URL.createObjectURL(blob));
  });
  load();
})();
