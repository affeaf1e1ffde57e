// Chart data helpers and figure wrappers (see chart.hpp).
#include "reports/html/chart.hpp"

#include "reports/html/escape.hpp"

namespace ptplab::reports::html {

std::string axis_title(const Axis& axis) {
  if (axis.unit.empty()) return axis.label;
  return axis.label + " (" + axis.unit + ")";
}

std::string figure(std::string_view title, std::string_view body) {
  std::string out = "<figure class=\"chart\"><figcaption>" + escape(title) + "</figcaption>";
  out += body;
  out += "</figure>\n";
  return out;
}

std::string no_data_figure(std::string_view title, std::string_view reason) {
  return figure(title, "<div class=\"nodata\" role=\"note\">No data: " + escape(reason) + "</div>");
}

}  // namespace ptplab::reports::html
