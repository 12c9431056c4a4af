// C++ reference for `gru-pedal bench`: the seed's minimal gated unit in float with std::exp and std::tanh,
// timed the same way as the C# bench (blocks of 64 samples of a looped guitar-like signal, best of several runs).
//
//   f = sigmoid(Wf*x + Uf*y1 + bf)
//   y = f*y1 + (1 - f) * tanh(Wh*x + Uh*f*y1)
//
// Usage: gru_reference [samples-per-run] [runs]   (defaults: 10000000 and 5)
// Prints one line: gru_cpp_ns_per_sample=<best ns per sample> checksum=<sum of outputs, keeps the work alive>.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

struct Unit {
    float wf = 0.5f, wh = 1.0f, uf = 0.5f, uh = 0.5f, bf = 0.0f;  // the original plugin's defaults
    float y1 = 0.0f;

    void process(float* block, int n) {
        for (int i = 0; i < n; ++i) {
            const float x = block[i];
            const float f = 1.0f / (1.0f + std::exp(-(wf * x + uf * y1 + bf)));
            const float y = f * y1 + (1.0f - f) * std::tanh(wh * x + uh * f * y1);
            y1 = y;
            block[i] = y;
        }
    }
};

// A deterministic, guitar-like test signal: decaying partials of a few notes, peak about 1.
std::vector<float> make_signal(int length, float rate) {
    std::vector<float> s(length);
    const float notes[] = {82.41f, 110.0f, 146.83f, 196.0f};
    for (int i = 0; i < length; ++i) {
        const float t = static_cast<float>(i % 24000) / rate;
        const float f0 = notes[(i / 24000) % 4];
        float v = 0.0f;
        for (int k = 1; k <= 6; ++k) {
            v += std::sin(6.2831853f * f0 * k * t) * std::exp(-3.0f * t * k) / k;
        }
        s[i] = 0.8f * v;
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const long long samples = argc > 1 ? std::atoll(argv[1]) : 10000000LL;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    constexpr int block = 64;
    const std::vector<float> source = make_signal(96000, 48000.0f);
    const int usable = static_cast<int>(source.size()) - static_cast<int>(source.size()) % block;
    float work[block];
    Unit unit;
    double checksum = 0.0;
    double best = 1e300;
    for (int r = 0; r <= runs; ++r) {  // run 0 is a warm-up
        const auto start = std::chrono::steady_clock::now();
        long long done = 0;
        int pos = 0;
        while (done < samples) {
            for (int i = 0; i < block; ++i) work[i] = source[pos + i];
            unit.process(work, block);
            checksum += work[block - 1];
            pos += block;
            if (pos >= usable) pos = 0;
            done += block;
        }
        const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / done;
        if (r > 0 && ns < best) best = ns;
    }
    std::printf("gru_cpp_ns_per_sample=%.2f checksum=%.6f\n", best, checksum);
    return 0;
}
