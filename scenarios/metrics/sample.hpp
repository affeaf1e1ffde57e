// A sample of non-negative values (latencies in ns, sizes) summarised as count, mean, stddev,
// min, max and nearest-rank percentiles: exact (every value kept) for record=full, or streaming
// in log-linear buckets (relative error below 2%, fixed memory) for record=summary.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace ptplab::scenarios {

// Summary statistics of a sample (values in the unit they were added in).
struct SampleSummary {
  std::uint64_t count = 0;
  double mean = 0, stddev = 0, min = 0, max = 0, p50 = 0, p90 = 0, p99 = 0;
};

// One histogram bin [lower, upper) with its count.
struct SampleBin {
  double lower = 0, upper = 0;
  std::uint64_t count = 0;
};

// Values added one by one; summarised at the end.
class Sample {
 public:
  // Sub-buckets per power of two in streaming mode (7 significant bits: relative bucket width 1/64).
  static constexpr int kSubBuckets = 128;
  static constexpr int kExponents = 64;

  explicit Sample(bool exact) : exact_(exact) {}
  void add(std::int64_t value);
  [[nodiscard]] std::uint64_t count() const { return count_; }
  // Nearest-rank percentile q in (0, 1]: exact, or the upper end of its bucket clamped to [min, max].
  [[nodiscard]] double percentile(double q) const;
  [[nodiscard]] SampleSummary summary() const;
  // The distribution in `bins_max` (or fewer) equal-width bins over [min, max].
  [[nodiscard]] std::vector<SampleBin> bins(std::size_t bins_max) const;

 private:
  [[nodiscard]] static std::size_t bucket_of(std::uint64_t v);
  [[nodiscard]] static double bucket_upper(std::size_t index);
  [[nodiscard]] const std::vector<std::int64_t>& sorted() const;

  bool exact_;
  std::uint64_t count_ = 0;
  double sum_ = 0, sum_sq_ = 0;
  std::int64_t min_ = 0, max_ = 0;
  mutable std::vector<std::int64_t> values_;  // exact mode
  mutable bool sorted_ = true;
  std::vector<std::uint64_t> buckets_;  // streaming mode, allocated on first add
};

}  // namespace ptplab::scenarios
