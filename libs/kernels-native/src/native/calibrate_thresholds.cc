#include "calibrate_thresholds.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace edgepress {

namespace {

struct Bins {
  std::vector<double> counts;  // magnitudes (one side or |x|): bin i covers [i w, (i + 1) w)
  double width = 1;
};

// Trimmed to the last non-empty bin, then merged by powers of two down to kSearchBins.
Bins ForSearch(std::vector<double> counts, double width) {
  size_t used = counts.size();
  while (used > 0 && counts[used - 1] == 0) --used;
  counts.resize(used);
  size_t factor = 1;
  while (used > kSearchBins * factor) factor *= 2;
  if (factor > 1) {
    std::vector<double> merged((used + factor - 1) / factor, 0.0);
    for (size_t i = 0; i < used; ++i) merged[i / factor] += counts[i];
    counts.swap(merged);
    width *= static_cast<double>(factor);
  }
  return {counts, width};
}

int CommonExponent(const CalibrationHistogram& h) {
  if (!h.negative().seen) return h.positive().exponent;
  if (!h.positive().seen) return h.negative().exponent;
  return std::max(h.positive().exponent, h.negative().exponent);
}

Bins Magnitudes(const CalibrationHistogram& h) {
  const int e = CommonExponent(h);
  std::vector<double> counts = h.positive().CoarsenedTo(e);
  std::vector<double> negative = h.negative().CoarsenedTo(e);
  for (size_t i = 0; i < counts.size(); ++i) counts[i] += negative[i];
  return ForSearch(counts, std::ldexp(1.0, e));
}

// Walking down from the top bin, the upper edge of the first bin where more than `tail` values
// have been passed (the bin holding the percentile), or 0.
double UpperTail(const Bins& bins, double tail) {
  double acc = 0;
  for (size_t j = bins.counts.size(); j-- > 0;) {
    acc += bins.counts[j];
    if (acc > tail) return static_cast<double>(j + 1) * bins.width;
  }
  return 0;
}

double KlThreshold(const Bins& bins, size_t levels) {
  const std::vector<double>& h = bins.counts;
  const size_t nb = h.size();
  if (nb <= levels) return static_cast<double>(nb) * bins.width;
  std::vector<double> p(nb), q(nb);
  double best = std::numeric_limits<double>::infinity();
  size_t best_i = nb;
  for (size_t i = levels; i <= nb; ++i) {
    double outliers = 0;
    for (size_t j = i; j < nb; ++j) outliers += h[j];
    for (size_t j = 0; j < i; ++j) p[j] = h[j];
    p[i - 1] += outliers;
    for (size_t g = 0, j = 0; g < levels; ++g) {
      const size_t end = ((g + 1) * i + levels - 1) / levels;  // group g: bins j with floor(j * levels / i) == g
      size_t start = j, nonzero = 0;
      double total = 0;
      for (; j < end; ++j) {
        total += h[j];
        nonzero += h[j] != 0;
      }
      for (size_t t = start; t < end; ++t) q[t] = h[t] != 0 ? total / static_cast<double>(nonzero) : 0;
    }
    double p_sum = 0, q_sum = 0;
    for (size_t j = 0; j < i; ++j) {
      p_sum += p[j];
      q_sum += q[j];
    }
    double kl = 0;
    for (size_t j = 0; j < i && p_sum > 0; ++j) {
      if (p[j] == 0) continue;
      if (q[j] == 0) {
        kl = std::numeric_limits<double>::infinity();
        break;
      }
      const double pj = p[j] / p_sum, qj = q[j] / q_sum;
      kl += pj * std::log(pj / qj);
    }
    if (kl <= best) {
      best = kl;
      best_i = i;
    }
  }
  return static_cast<double>(best_i) * bins.width;
}

// Expected squared error of quantizing bin centres with symmetric scale t / qmax.
double SymmetricError(const Bins& bins, double t, double qmax) {
  const double scale = static_cast<float>(t / qmax);
  double error = 0;
  for (size_t j = 0; j < bins.counts.size(); ++j) {
    if (bins.counts[j] == 0) continue;
    const double c = (static_cast<double>(j) + 0.5) * bins.width;
    const double d = c - std::min(std::nearbyint(c / scale), qmax) * scale;
    error += bins.counts[j] * d * d;
  }
  return error;
}

struct Signed {
  std::vector<double> centres, counts;  // non-empty bins of the signed histogram
  std::vector<double> lows, highs;      // candidate edges: negative side (<= 0), positive side (>= 0)
};

Signed SignedBins(const CalibrationHistogram& h) {
  const int e = CommonExponent(h);
  Bins pos = ForSearch(h.positive().CoarsenedTo(e), std::ldexp(1.0, e));
  Bins neg = ForSearch(h.negative().CoarsenedTo(e), std::ldexp(1.0, e));
  // Both sides searched at one width: the coarser of the two.
  const double width = std::max(pos.width, neg.width);
  auto regroup = [&](const Bins& b) {
    const size_t f = static_cast<size_t>(width / b.width);
    std::vector<double> out((b.counts.size() + f - 1) / f, 0.0);
    for (size_t i = 0; i < b.counts.size(); ++i) out[i / f] += b.counts[i];
    return out;
  };
  const std::vector<double> p = regroup(pos), n = regroup(neg);
  Signed s;
  for (size_t i = n.size(); i-- > 0;) {
    if (n[i] == 0) continue;
    s.centres.push_back(-(static_cast<double>(i) + 0.5) * width);
    s.counts.push_back(n[i]);
  }
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    s.centres.push_back((static_cast<double>(i) + 0.5) * width);
    s.counts.push_back(p[i]);
  }
  s.lows.push_back(0);
  for (size_t i = 1; i <= n.size(); ++i) s.lows.push_back(-static_cast<double>(i) * width);
  s.highs.push_back(0);
  for (size_t i = 1; i <= p.size(); ++i) s.highs.push_back(static_cast<double>(i) * width);
  return s;
}

// Expected squared error with asymmetric parameters for [lo, hi] (computeQuantParams' rules).
double AsymmetricError(const Signed& s, double lo, double hi, double qmax) {
  const double range_scale = (hi - lo) / qmax;
  if (range_scale < 1.1754943508222875e-38) return std::numeric_limits<double>::infinity();
  const double scale = static_cast<float>(range_scale);
  const double zp = std::min(qmax, std::max(0.0, std::nearbyint(-lo / range_scale)));
  double error = 0;
  for (size_t j = 0; j < s.centres.size(); ++j) {
    const double c = s.centres[j];
    const double q = std::min(qmax, std::max(0.0, std::nearbyint(c / scale) + zp));
    const double d = c - (q - zp) * scale;
    error += s.counts[j] * d * d;
  }
  return error;
}

}  // namespace

ClipRange ChooseRange(const CalibrationHistogram& h, const RangeRequest& r) {
  const double min = h.min(), max = h.max();
  const double absmax = std::max(std::fabs(min), std::fabs(max));
  if (h.count() == 0) return {0, 0};
  switch (r.method) {
    case CalibrationMethod::kMinMax:
      return r.symmetric ? ClipRange{-absmax, absmax} : ClipRange{min, max};
    case CalibrationMethod::kPercentile: {
      if (r.symmetric) {
        const double t = std::min(absmax, UpperTail(Magnitudes(h), (1 - r.percentile / 100) * h.count()));
        return {-t, t};
      }
      // Signed histogram at one width: index B - 1 - i is negative bin i, index B + i positive bin i.
      const double tail = (1 - r.percentile / 100) / 2 * h.count();
      const int e = CommonExponent(h);
      const double width = std::ldexp(1.0, e);
      const std::vector<double> neg = h.negative().CoarsenedTo(e), pos = h.positive().CoarsenedTo(e);
      const size_t bins = neg.size();
      std::vector<double> signed_counts(2 * bins);
      for (size_t i = 0; i < bins; ++i) {
        signed_counts[bins - 1 - i] = neg[i];
        signed_counts[bins + i] = pos[i];
      }
      auto edge = [&](size_t index) { return (static_cast<double>(index) - static_cast<double>(bins)) * width; };
      double lo = min, hi = max, acc = 0;
      for (size_t i = 0; i < signed_counts.size(); ++i) {
        acc += signed_counts[i];
        if (acc > tail) {
          lo = edge(i);
          break;
        }
      }
      acc = 0;
      for (size_t i = signed_counts.size(); i-- > 0;) {
        acc += signed_counts[i];
        if (acc > tail) {
          hi = edge(i + 1);
          break;
        }
      }
      return {std::max(min, lo), std::min(max, hi)};
    }
    case CalibrationMethod::kEntropy: {
      const size_t half = size_t{1} << (r.bits - 1), full = size_t{1} << r.bits;
      if (r.symmetric) {
        const double t = std::min(absmax, KlThreshold(Magnitudes(h), half));
        return {-t, t};
      }
      const bool both = h.positive().seen && h.negative().seen;
      double hi = 0, lo = 0;
      if (h.positive().seen) hi = KlThreshold(ForSearch(h.positive().counts, h.positive().width()), both ? half : full);
      if (h.negative().seen) lo = -KlThreshold(ForSearch(h.negative().counts, h.negative().width()), both ? half : full);
      return {std::max(min, lo), std::min(max, hi)};
    }
    case CalibrationMethod::kMse: {
      if (r.symmetric) {
        const Bins bins = Magnitudes(h);
        const double qmax = static_cast<double>((1 << (r.bits - 1)) - 1);
        double best = std::numeric_limits<double>::infinity(), best_t = absmax;
        for (size_t i = 1; i <= bins.counts.size(); ++i) {
          const double t = std::min(absmax, static_cast<double>(i) * bins.width);
          const double e = SymmetricError(bins, t, qmax);
          if (e < best) best = e, best_t = t;
        }
        return {-best_t, best_t};
      }
      const Signed s = SignedBins(h);
      const double qmax = static_cast<double>((1 << r.bits) - 1);
      double lo = std::min(min, 0.0), hi = std::max(max, 0.0);
      for (int round = 0; round < 2; ++round) {
        double best = std::numeric_limits<double>::infinity();
        for (double candidate : s.highs) {
          const double c = std::min(candidate, std::max(max, 0.0));
          const double e = AsymmetricError(s, lo, c, qmax);
          if (e < best) best = e, hi = c;
        }
        best = std::numeric_limits<double>::infinity();
        for (double candidate : s.lows) {
          const double c = std::max(candidate, std::min(min, 0.0));
          const double e = AsymmetricError(s, c, hi, qmax);
          if (e < best) best = e, lo = c;
        }
      }
      return {lo, hi};
    }
  }
  return {min, max};
}

}  // namespace edgepress
