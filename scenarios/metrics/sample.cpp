// Exact and streaming samples.
#include "scenarios/metrics/sample.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ptplab::scenarios {

std::size_t Sample::bucket_of(std::uint64_t v) {
  if (v < static_cast<std::uint64_t>(kSubBuckets)) return static_cast<std::size_t>(v);
  const int msb = 63 - std::countl_zero(v);   // >= 7
  const int shift = msb - 6;                  // keep 7 significant bits
  const std::uint64_t mantissa = v >> shift;  // in [64, 128)
  return static_cast<std::size_t>(kSubBuckets + (shift - 1) * 64 + static_cast<int>(mantissa - 64));
}

double Sample::bucket_upper(std::size_t index) {
  if (index < static_cast<std::size_t>(kSubBuckets)) return static_cast<double>(index);
  const std::size_t rel = index - kSubBuckets;
  const int shift = static_cast<int>(rel / 64) + 1;
  const double mantissa = static_cast<double>(64 + rel % 64);
  return std::ldexp(mantissa + 1, shift) - 1;
}

void Sample::add(std::int64_t value) {
  value = std::max<std::int64_t>(value, 0);
  if (count_ == 0) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  ++count_;
  const auto d = static_cast<double>(value);
  sum_ += d;
  sum_sq_ += d * d;
  if (exact_) {
    if (!values_.empty() && value < values_.back()) sorted_ = false;
    values_.push_back(value);
    return;
  }
  if (buckets_.empty()) buckets_.assign(kSubBuckets + 64 * kExponents, 0);
  ++buckets_[bucket_of(static_cast<std::uint64_t>(value))];
}

const std::vector<std::int64_t>& Sample::sorted() const {
  if (!sorted_) {
    std::sort(values_.begin(), values_.end());
    sorted_ = true;
  }
  return values_;
}

double Sample::percentile(double q) const {
  if (count_ == 0) return 0;
  const auto rank =
      std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
  if (exact_) return static_cast<double>(sorted()[std::min<std::uint64_t>(rank, count_) - 1]);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      return std::clamp(bucket_upper(i), static_cast<double>(min_), static_cast<double>(max_));
    }
  }
  return static_cast<double>(max_);
}

SampleSummary Sample::summary() const {
  SampleSummary s;
  s.count = count_;
  if (count_ == 0) return s;
  const auto n = static_cast<double>(count_);
  s.mean = sum_ / n;
  s.stddev = count_ > 1 ? std::sqrt(std::max(0.0, (sum_sq_ - n * s.mean * s.mean) / (n - 1))) : 0;
  s.min = static_cast<double>(min_);
  s.max = static_cast<double>(max_);
  s.p50 = percentile(0.5);
  s.p90 = percentile(0.9);
  s.p99 = percentile(0.99);
  return s;
}

std::vector<SampleBin> Sample::bins(std::size_t bins_max) const {
  std::vector<SampleBin> out;
  if (count_ == 0 || bins_max == 0) return out;
  const double lo = static_cast<double>(min_);
  const double hi = static_cast<double>(max_);
  const std::size_t n = hi > lo ? bins_max : 1;
  const double width = hi > lo ? (hi - lo) / static_cast<double>(n) : 1;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({lo + width * static_cast<double>(i), lo + width * static_cast<double>(i + 1), 0});
  auto place = [&](double v, std::uint64_t c) {
    auto i = static_cast<std::size_t>((v - lo) / width);
    out[std::min(i, n - 1)].count += c;
  };
  if (exact_) {
    for (const auto v : values_) place(static_cast<double>(v), 1);
  } else {
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
      if (buckets_[i] != 0) place(std::clamp(bucket_upper(i), lo, hi), buckets_[i]);
    }
  }
  return out;
}

}  // namespace ptplab::scenarios
