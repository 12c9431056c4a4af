/*
 * gru-c-client: the yardstick for `gru-pedal soak`. A plain C PortAudio client doing the same per-sample work as
 * the pedal's unit (the minimal gated unit, run `oversampling` times per sample like the chain's default 2x
 * oversampling), on a full-duplex float32 stream, counting xruns from the stream's status flags and timing its
 * callbacks. Written against PortAudio v19's C API; the few declarations it needs are below (Debian ships
 * libportaudio2 without headers unless portaudio19-dev is installed).
 *
 *   gru-c-client [-d device] [-f frames] [-r rateHz] [-s seconds] [-o oversampling] [-w warmupSeconds]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef int PaError;
typedef int PaDeviceIndex;
typedef double PaTime;
typedef unsigned long PaSampleFormat;
typedef unsigned long PaStreamFlags;
typedef unsigned long PaStreamCallbackFlags;
typedef void PaStream;
typedef struct { int structVersion; const char *name; int hostApi; int maxInputChannels; int maxOutputChannels;
                 PaTime defaultLowInputLatency; PaTime defaultLowOutputLatency; PaTime defaultHighInputLatency;
                 PaTime defaultHighOutputLatency; double defaultSampleRate; } PaDeviceInfo;
typedef struct { PaDeviceIndex device; int channelCount; PaSampleFormat sampleFormat; PaTime suggestedLatency;
                 void *hostApiSpecificStreamInfo; } PaStreamParameters;
typedef struct { PaTime inputBufferAdcTime; PaTime currentTime; PaTime outputBufferDacTime; } PaStreamCallbackTimeInfo;
typedef int PaStreamCallback(const void *, void *, unsigned long, const PaStreamCallbackTimeInfo *, PaStreamCallbackFlags, void *);
PaError Pa_Initialize(void);
PaError Pa_Terminate(void);
const char *Pa_GetErrorText(PaError);
PaDeviceIndex Pa_GetDeviceCount(void);
const PaDeviceInfo *Pa_GetDeviceInfo(PaDeviceIndex);
PaError Pa_OpenStream(PaStream **, const PaStreamParameters *, const PaStreamParameters *, double, unsigned long,
                      PaStreamFlags, PaStreamCallback *, void *);
PaError Pa_StartStream(PaStream *);
PaError Pa_StopStream(PaStream *);
PaError Pa_CloseStream(PaStream *);
PaError PaJack_SetClientName(const char *);
typedef void (*snd_lib_error_handler_t)(const char *, int, const char *, int, const char *, ...);
int snd_lib_error_set_handler(snd_lib_error_handler_t);
static void quiet_alsa(const char *file, int line, const char *function, int err, const char *fmt, ...)
{ (void)file; (void)line; (void)function; (void)err; (void)fmt; }
#define paFloat32 ((PaSampleFormat)0x00000001)
#define paClipOff ((PaStreamFlags)0x00000001)
#define XRUN_FLAGS 0xF /* input underflow/overflow, output underflow/overflow */
#define HISTOGRAM_US 20000

static struct {
    float wf, wh, uf, uh, bf, y1;
    int oversampling;
    long warmup, callbacks, xruns, startupXruns;
    long histogram[HISTOGRAM_US + 1];
    double maxUs, sumUs;
} s = { .wf = 0.5f, .wh = 1.0f, .uf = 0.5f, .uh = 0.5f, .bf = 0.0f, .y1 = 0.0f, .oversampling = 2 };

static double now_us(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e6 + t.tv_nsec / 1e3; }

static int callback(const void *in, void *out, unsigned long frames, const PaStreamCallbackTimeInfo *time,
                    PaStreamCallbackFlags flags, void *user)
{
    double start = now_us();
    const float *x = in; float *y = out; (void)time; (void)user;
    float y1 = s.y1;
    for (unsigned long i = 0; i < frames; i++) {
        float v = x ? x[i] : 0.0f;
        for (int k = 0; k < s.oversampling; k++) {
            float f = 1.0f / (1.0f + expf(-(s.wf * v + s.uf * y1 + s.bf)));
            y1 = f * y1 + (1.0f - f) * tanhf(s.wh * v + s.uh * f * y1);
        }
        y[2 * i] = y[2 * i + 1] = y1;
    }
    s.y1 = y1;
    long n = s.callbacks++;
    if (flags & XRUN_FLAGS) { s.xruns++; if (n < s.warmup) s.startupXruns++; }
    if (n >= s.warmup) {
        double us = now_us() - start;
        long bin = (long)us;
        s.histogram[bin < HISTOGRAM_US ? bin : HISTOGRAM_US]++;
        s.sumUs += us;
        if (us > s.maxUs) s.maxUs = us;
    }
    return 0;
}

static double percentile(double q)
{
    long total = 0, seen = 0;
    for (int i = 0; i <= HISTOGRAM_US; i++) total += s.histogram[i];
    long rank = (long)ceil(q * total);
    for (int i = 0; i <= HISTOGRAM_US; i++) { seen += s.histogram[i]; if (total && seen >= rank) return fmin(i + 1, s.maxUs); }
    return 0;
}

int main(int argc, char **argv)
{
    const char *device = "system";
    int frames = 64, opt;
    double rate = 48000, seconds = 10, warmupS = 1;
    while ((opt = getopt(argc, argv, "d:f:r:s:o:w:")) != -1) {
        switch (opt) {
        case 'd': device = optarg; break;
        case 'f': frames = atoi(optarg); break;
        case 'r': rate = atof(optarg); break;
        case 's': seconds = atof(optarg); break;
        case 'o': s.oversampling = atoi(optarg); break;
        case 'w': warmupS = atof(optarg); break;
        default: fprintf(stderr, "usage: %s [-d device] [-f frames] [-r rate] [-s seconds] [-o oversampling] [-w warmup]\n", argv[0]); return 1;
        }
    }
    s.warmup = (long)ceil(warmupS * rate / frames);
    PaJack_SetClientName("gru-c-client");
    snd_lib_error_set_handler(quiet_alsa); /* as gru-pedal does: no "Unknown PCM" noise from probing ALSA */
    PaError err = Pa_Initialize();
    if (err) { fprintf(stderr, "Pa_Initialize: %s\n", Pa_GetErrorText(err)); return 1; }
    PaDeviceIndex index = -1;
    for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++)
        if (strstr(Pa_GetDeviceInfo(i)->name, device) && Pa_GetDeviceInfo(i)->maxOutputChannels >= 2) { index = i; break; }
    if (index < 0) { fprintf(stderr, "device \"%s\" not found\n", device); Pa_Terminate(); return 1; }
    const PaDeviceInfo *info = Pa_GetDeviceInfo(index);
    PaStreamParameters ip = { index, 1, paFloat32, info->defaultLowInputLatency, NULL };
    PaStreamParameters op = { index, 2, paFloat32, info->defaultLowOutputLatency, NULL };
    PaStream *stream;
    err = Pa_OpenStream(&stream, &ip, &op, rate, (unsigned long)frames, paClipOff, callback, NULL);
    if (err) { fprintf(stderr, "Pa_OpenStream: %s\n", Pa_GetErrorText(err)); Pa_Terminate(); return 1; }
    Pa_StartStream(stream);
    usleep((useconds_t)(seconds * 1e6));
    Pa_StopStream(stream);
    Pa_CloseStream(stream);
    Pa_Terminate();
    long steady = s.callbacks - s.warmup;
    double period = frames / rate * 1e6;
    printf("{\"client\": \"c\", \"device\": \"%s\", \"frames\": %d, \"rateHz\": %.0f, \"seconds\": %.1f, \"oversampling\": %d, "
           "\"callbacks\": %ld, \"xruns\": %ld, \"startupXruns\": %ld, \"p50Us\": %.0f, \"p99Us\": %.0f, \"p999Us\": %.0f, "
           "\"maxUs\": %.1f, \"dspLoad\": %.4f}\n",
           device, frames, rate, seconds, s.oversampling, s.callbacks, s.xruns, s.startupXruns,
           percentile(0.5), percentile(0.99), percentile(0.999), s.maxUs, steady > 0 ? s.sumUs / steady / period : 0);
    return 0;
}
