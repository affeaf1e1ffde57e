// Stacked area chart rendering (see stacked_chart.hpp).
#include "reports/html/stacked_chart.hpp"

#include <cmath>

#include "reports/html/frame.hpp"
#include "reports/html/palette.hpp"
#include "reports/html/svg.hpp"

namespace ptplab::reports::html {
namespace {

// x values drawn at most (the first ones are kept), so the page size stays bounded.
constexpr std::size_t kBucketsMax = 4000;
// Layers drawn at most; the rest are summed into one "other" layer.
constexpr std::size_t kLayersMax = 12;

double value_at(const StackedLayer& layer, std::size_t i) {
  if (i >= layer.values.size() || !std::isfinite(layer.values[i])) return 0;
  return layer.values[i];
}

}  // namespace

std::string render(const StackedChart& chart) {
  const std::size_t n = std::min(chart.x_values.size(), kBucketsMax);
  if (n == 0 || chart.layers.empty()) return no_data_figure(chart.title, chart.empty_reason);

  std::vector<StackedLayer> layers;
  for (std::size_t l = 0; l < chart.layers.size(); ++l) {
    if (l < kLayersMax - 1 || chart.layers.size() == kLayersMax) {
      layers.push_back(chart.layers[l]);
      continue;
    }
    if (l == kLayersMax - 1) layers.push_back({"other", std::vector<double>(n, 0.0)});
    for (std::size_t i = 0; i < n; ++i) layers.back().values[i] += value_at(chart.layers[l], i);
  }

  // cumulative[l][i]: the top of layer l at x i.
  std::vector<std::vector<double>> cumulative(layers.size(), std::vector<double>(n, 0.0));
  Extent xs, ys;
  ys.add(0);
  for (std::size_t i = 0; i < n; ++i) {
    xs.add(chart.x_values[i]);
    double sum = 0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
      sum += value_at(layers[l], i);
      cumulative[l][i] = sum;
    }
    ys.add(sum);
  }
  std::vector<LegendEntry> legend;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    legend.push_back({layers[l].name, std::string(series_colour(l)), Swatch::kBox});
  }
  Frame f(chart.size, chart.x, xs, chart.y, ys, legend, chart.title);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    std::string d;
    for (std::size_t i = 0; i < n; ++i) {
      append_path_point(d, i == 0 ? 'M' : 'L', f.x()(chart.x_values[i]), f.y()(cumulative[l][i]));
    }
    for (std::size_t i = n; i-- > 0;) {
      const double below = l == 0 ? 0.0 : cumulative[l - 1][i];
      append_path_point(d, 'L', f.x()(chart.x_values[i]), f.y()(below));
    }
    const std::string colour(series_colour(l));
    f.svg().path(d + "Z", "fill=\"" + colour + "\" fill-opacity=\"0.85\" stroke=\"" + colour + "\"");
  }
  return figure(chart.title, std::move(f).finish());
}

}  // namespace ptplab::reports::html
