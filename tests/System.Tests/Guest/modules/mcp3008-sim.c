// SPDX-License-Identifier: GPL-2.0
/*
 * mcp3008-sim: a software SPI controller (bus 0, chip select 0) whose device answers like a Microchip
 * MCP3008 10-bit ADC, bound to spidev so that user space sees /dev/spidev0.0, as on a Raspberry Pi with
 * the converter on SPI0 CE0. Written for GruPedalPi's system tests.
 *
 * Protocol, bit by bit as the chip does it: the first 1 bit clocked in on MOSI is the start bit, the next
 * four are SGL/DIFF, D2, D1, D0 (the channel); one clock later the chip sends a null bit and then the
 * 10-bit result MSB first on MISO, then zeros. The usual 3-byte transfer (01, (8+ch)<<4, 00) therefore
 * returns the value in the low 2 bits of byte 1 and byte 2. A differential request returns the value of
 * its first channel.
 *
 * sysfs, in /sys/devices/platform/mcp3008-sim/:
 *   ch0 .. ch7   the value each channel reads, 0..1023 (read/write)
 *   noise_lsb    each conversion adds a uniform integer in [-noise_lsb, +noise_lsb], clamped (0..64)
 *   conversions  how many conversions were answered (read-only)
 */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/spi/spi.h>
#include <linux/string.h>

#define SIM_CHANNELS 8
#define SIM_MAX 1023

static int values[SIM_CHANNELS] = { 512, 512, 512, 512, 512, 512, 512, 512 };
static int noise_lsb;
static atomic_t conversions = ATOMIC_INIT(0);
static struct platform_device *sim_pdev;

static int sim_sample(int channel)
{
	int v = READ_ONCE(values[channel]);
	int n = READ_ONCE(noise_lsb);

	if (n > 0)
		v += (int)(get_random_u32() % (u32)(2 * n + 1)) - n;
	atomic_inc(&conversions);
	return clamp(v, 0, SIM_MAX);
}

static int sim_transfer_one(struct spi_controller *ctlr, struct spi_device *spi, struct spi_transfer *t)
{
	const u8 *tx = t->tx_buf;
	u8 *rx = t->rx_buf;
	unsigned int bits = t->len * 8, i;
	int state = 0, header = 0, header_bits = 0, value = 0, out_bit = 0;

	if (rx)
		memset(rx, 0, t->len);
	for (i = 0; i < bits; i++) {
		int in = tx ? (tx[i / 8] >> (7 - i % 8)) & 1 : 0;
		int miso = 0;

		switch (state) {
		case 0: /* waiting for the start bit */
			if (in)
				state = 1;
			break;
		case 1: /* SGL/DIFF, D2, D1, D0 */
			header = (header << 1) | in;
			if (++header_bits == 4) {
				value = sim_sample(header & 7);
				state = 2;
			}
			break;
		case 2: /* sampling clock */
			state = 3;
			break;
		case 3: /* null bit */
			state = 4;
			out_bit = 9;
			break;
		case 4: /* B9 .. B0 */
			miso = (value >> out_bit) & 1;
			if (out_bit-- == 0)
				state = 5;
			break;
		default: /* zeros until chip select rises */
			break;
		}
		if (rx && miso)
			rx[i / 8] |= 0x80 >> (i % 8);
	}
	return 0; /* done: nothing to wait for */
}

static ssize_t sim_channel_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	int ch = attr->attr.name[2] - '0';

	return sysfs_emit(buf, "%d\n", READ_ONCE(values[ch]));
}

static ssize_t sim_channel_store(struct device *dev, struct device_attribute *attr, const char *buf, size_t count)
{
	int ch = attr->attr.name[2] - '0', v, ret;

	ret = kstrtoint(buf, 0, &v);
	if (ret)
		return ret;
	if (v < 0 || v > SIM_MAX)
		return -ERANGE;
	WRITE_ONCE(values[ch], v);
	return count;
}

static ssize_t noise_lsb_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(noise_lsb));
}

static ssize_t noise_lsb_store(struct device *dev, struct device_attribute *attr, const char *buf, size_t count)
{
	int v, ret = kstrtoint(buf, 0, &v);

	if (ret)
		return ret;
	if (v < 0 || v > 64)
		return -ERANGE;
	WRITE_ONCE(noise_lsb, v);
	return count;
}

static ssize_t conversions_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&conversions));
}

#define SIM_CHANNEL_ATTR(n) \
	static struct device_attribute dev_attr_ch##n = __ATTR(ch##n, 0644, sim_channel_show, sim_channel_store)
SIM_CHANNEL_ATTR(0); SIM_CHANNEL_ATTR(1); SIM_CHANNEL_ATTR(2); SIM_CHANNEL_ATTR(3);
SIM_CHANNEL_ATTR(4); SIM_CHANNEL_ATTR(5); SIM_CHANNEL_ATTR(6); SIM_CHANNEL_ATTR(7);
static DEVICE_ATTR_RW(noise_lsb);
static DEVICE_ATTR_RO(conversions);

static struct attribute *sim_attrs[] = {
	&dev_attr_ch0.attr, &dev_attr_ch1.attr, &dev_attr_ch2.attr, &dev_attr_ch3.attr,
	&dev_attr_ch4.attr, &dev_attr_ch5.attr, &dev_attr_ch6.attr, &dev_attr_ch7.attr,
	&dev_attr_noise_lsb.attr, &dev_attr_conversions.attr, NULL,
};
ATTRIBUTE_GROUPS(sim);

static int sim_probe(struct platform_device *pdev)
{
	struct spi_controller *ctlr;
	struct spi_device *spi;
	int ret;

	ctlr = devm_spi_alloc_master(&pdev->dev, 0);
	if (!ctlr)
		return -ENOMEM;
	ctlr->bus_num = 0;
	ctlr->num_chipselect = 1;
	ctlr->mode_bits = SPI_CPOL | SPI_CPHA | SPI_CS_HIGH;
	ctlr->bits_per_word_mask = SPI_BPW_MASK(8);
	ctlr->max_speed_hz = 3600000; /* the MCP3008's limit at 5 V */
	ctlr->transfer_one = sim_transfer_one;
	ret = devm_spi_register_controller(&pdev->dev, ctlr);
	if (ret)
		return ret;

	spi = spi_alloc_device(ctlr);
	if (!spi)
		return -ENOMEM;
	spi->chip_select = 0;
	spi->max_speed_hz = 1000000;
	spi->mode = SPI_MODE_0;
	strscpy(spi->modalias, "spidev", sizeof(spi->modalias));
	spi->driver_override = kstrdup("spidev", GFP_KERNEL);
	ret = spi_add_device(spi);
	if (ret) {
		spi_dev_put(spi);
		return ret;
	}
	dev_info(&pdev->dev, "MCP3008 stand-in on SPI bus %d, chip select 0\n", ctlr->bus_num);
	return 0;
}

static struct platform_driver sim_driver = {
	.probe = sim_probe,
	.driver = { .name = "mcp3008-sim", .dev_groups = sim_groups },
};

static int __init sim_init(void)
{
	int ret = platform_driver_register(&sim_driver);

	if (ret)
		return ret;
	sim_pdev = platform_device_register_simple("mcp3008-sim", -1, NULL, 0);
	if (IS_ERR(sim_pdev)) {
		platform_driver_unregister(&sim_driver);
		return PTR_ERR(sim_pdev);
	}
	return 0;
}

static void __exit sim_exit(void)
{
	platform_device_unregister(sim_pdev);
	platform_driver_unregister(&sim_driver);
}

module_init(sim_init);
module_exit(sim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Software SPI controller answering like an MCP3008 ADC (test stand-in)");
