// The chart of one plan item: reads the JSON written by json_script ("lantu-item-chart") and
// draws it into <div class="lantu-item-chart"> on a time axis. Each series is a list of points
// (date, value, label); "marks" are dates drawn as vertical lines (time nodes, stage dates).
// The table view under the chart holds the same figures, for those who would rather read.
(function () {
  "use strict";
  var COLORS = { done: "#2fb344", late: "#d63939", due: "#f59f00", planned: "#868e96" };
  function draw() {
    var source = document.getElementById("lantu-item-chart");
    var el = document.querySelector(".lantu-item-chart");
    if (!source || !el || typeof echarts === "undefined") return;
    var spec = JSON.parse(source.textContent);
    var encode = echarts.format.encodeHTML;
    var series = spec.series.map(function (s) {
      var item = {};
      if (s.color) item.color = s.color;
      if (s.hollow) { item.color = "#fff"; item.borderColor = s.color; item.borderWidth = 2; }
      return {
        name: s.name,
        type: s.type,
        symbol: s.symbol || "circle",
        symbolSize: s.type === "scatter" ? 11 : 7,
        showSymbol: true,
        connectNulls: true,
        barMaxWidth: 18,
        lineStyle: s.dashed ? { type: "dashed", color: s.color } : (s.color ? { color: s.color } : undefined),
        itemStyle: item,
        data: s.points.filter(function (p) { return p.value !== null; }).map(function (p) {
          return { value: [p.date, p.value], label: p.label };
        })
      };
    });
    if (spec.marks && spec.marks.length) {
      series.push({
        name: spec.marks_name,
        type: "line",
        data: [],
        markLine: {
          symbol: "none",
          silent: false,
          data: spec.marks.map(function (m) {
            return {
              xAxis: m.date,
              name: m.label,
              label: { formatter: m.label, position: "insideEndTop", fontSize: 10 },
              lineStyle: { type: m.style === "done" ? "solid" : "dashed", color: COLORS[m.style] || "#868e96" }
            };
          })
        }
      });
    }
    var xAxis = { type: "time" };
    if (spec.year_end) {
      // Yearly figures stand on 31 December: the tick after it reads "end of <year>".
      xAxis.minInterval = 365 * 24 * 3600 * 1000;
      xAxis.axisLabel = {
        formatter: function (value) {
          var day = new Date(value);
          return spec.year_end.replace("{year}", String(day.getFullYear() - 1));
        }
      };
    }
    var chart = echarts.init(el);
    chart.setOption({
      // No moving bars for those who asked their system for less motion.
      animation: !window.matchMedia("(prefers-reduced-motion: reduce)").matches,
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (p.componentType === "markLine") return encode(p.name) + "<br>" + encode(String(p.value));
          var v = p.data.value;
          var label = p.data.label ? encode(p.data.label) : encode(String(v[0]));
          return encode(p.seriesName) + "<br>" + label + ": " + encode(String(v[1])) + " " + encode(spec.unit || "");
        }
      },
      legend: { top: 0, data: spec.series.map(function (s) { return s.name; }) },
      grid: { left: 8, right: 24, bottom: 8, top: 48, containLabel: true },
      xAxis: xAxis,
      yAxis: { type: "value", name: spec.unit || "", scale: spec.kind === "indicator", max: spec.y_max },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
