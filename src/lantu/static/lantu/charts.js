// Dashboard charts: reads the JSON written by json_script ("lantu-charts") and draws each
// chart into its <div class="lantu-chart" data-chart="key">. Every bar opens the list of
// the items it counts (the cell's url). The table view next to each chart holds the same
// figures and links, for those who would rather read.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("lantu-charts");
    if (!source || typeof echarts === "undefined") return;
    var charts = JSON.parse(source.textContent);
    charts.forEach(function (spec) {
      var el = document.querySelector('.lantu-chart[data-chart="' + spec.key + '"]');
      if (!el) return;
      var chart = echarts.init(el);
      chart.setOption({
        // No moving bars for those who asked their system for less motion.
        animation: !window.matchMedia("(prefers-reduced-motion: reduce)").matches,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: spec.categories, inverse: true },
        series: spec.series.map(function (s) {
          return {
            name: s.name,
            type: "bar",
            stack: "total",
            itemStyle: s.color ? { color: s.color } : undefined,
            cursor: "pointer",
            data: s.data.map(function (cell) { return { value: cell.value, url: cell.url }; })
          };
        })
      });
      chart.on("click", function (params) {
        if (params.data && params.data.url) window.location.href = params.data.url;
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
