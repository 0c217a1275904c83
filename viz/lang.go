package viz

import (
	"fmt"
	"strings"
	"sync"
)

var lang struct {
	sync.Mutex
	zh bool
}

// SetLang sets the language of the text viz writes by itself (captions
// about NaN values and masks, default axis names): "en" (the default) or
// "zh" for Simplified Chinese. Titles and labels you pass are drawn as
// given. It panics on any other value.
func SetLang(l string) {
	lang.Lock()
	defer lang.Unlock()
	switch l {
	case "en":
		lang.zh = false
	case "zh":
		lang.zh = true
	default:
		panic(fmt.Sprintf("viz: SetLang: unknown language %q: expected \"en\" or \"zh\"", l))
	}
}

// Lang returns the current language, "en" or "zh".
func Lang() string {
	lang.Lock()
	defer lang.Unlock()
	if lang.zh {
		return "zh"
	}
	return "en"
}

// msg holds each text viz writes by itself, in English and Chinese.
var msg = map[string][2]string{
	"channel":  {"channel %d", "通道 %d"},
	"filter":   {"filter %d", "卷积核 %d"},
	"out/in":   {"out %d · in %d", "输出 %d · 输入 %d"},
	"head":     {"head %d", "头 %d"},
	"unit":     {"unit %d", "单元 %d"},
	"units":    {"hidden unit", "隐藏单元"},
	"time":     {"time step t", "时间步 t"},
	"query":    {"query", "查询"},
	"key":      {"key", "键"},
	"step":     {"step", "步数"},
	"value":    {"value", "值"},
	"input":    {"input", "输入"},
	"kernel":   {"kernel", "卷积核"},
	"products": {"element-wise products", "逐元素乘积"},
	"output":   {"output", "输出"},
	"masked":   {"Hatched grey cells are masked positions (weight 0)", "灰色斜线格为被掩码的位置（权重为 0）"},
	"nan":      {"%s drawn in magenta", "%s以品红色标出"},
	"nanmark":  {"%s drawn in magenta with ×", "%s以品红色和 × 标出"},
	"pc":       {"PC%d (%.0f%% of variance)", "主成分 %d（方差占 %.0f%%）"},
	"traj":     {"Points are time steps t = 0…%d", "点为时间步 t = 0…%d"},
	"padding":  {"Cells outside the dashed line are zero padding", "虚线框外的格子为零填充"},
	"sumbias":  {" + bias %s", " + 偏置 %s"},
	"shared":   {"One colour scale for all panels", "所有子图共用一个色标"},
	"permap":   {"Each panel has its own colour scale", "每个子图各用自己的色标"},
	"frame":    {"Output position (i, j) = (%d, %d), step %d of %d", "输出位置 (i, j) = (%d, %d)，第 %d 步，共 %d 步"},
	"stride":   {"Stride %d", "步幅 %d"},
	"notshown": {"Values not written: cells too small", "单元格太小，未标数值"},
	"andword":  {" and ", "和"},
	"glyphs":   {"No font could draw %s (shown as empty boxes): install fonts-noto-cjk or set STEPWISE_CJK_FONT", "没有字体能显示 %s（画成空框）：请安装 fonts-noto-cjk 或设置 STEPWISE_CJK_FONT"},
	"weight":   {"attention weight", "注意力权重"},
	"sumof":    {"sum of the %d products", "%d 个乘积之和"},
	"prev":     {"previous", "上一步"},
	"next":     {"next", "下一步"},
	"play":     {"play / pause", "播放 / 暂停"},
	"stepword": {"step", "步"},
}

// tr returns the message for key in the current language, formatted.
func tr(key string, args ...any) string {
	m, ok := msg[key]
	if !ok {
		panic("viz: internal: no message " + key)
	}
	s := m[0]
	if Lang() == "zh" {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// badNote describes the non-finite values in st, e.g. "2 NaN values and
// 1 +Inf value drawn in magenta", or "" when there are none.
func badNote(st stats, marked bool) string {
	var parts []string
	for _, c := range []struct {
		n    int
		name string
	}{{st.nan, "NaN"}, {st.pinf, "+Inf"}, {st.ninf, "-Inf"}} {
		if c.n == 0 {
			continue
		}
		if Lang() == "zh" {
			parts = append(parts, fmt.Sprintf("%d 个 %s 值", c.n, c.name))
		} else {
			s := ""
			if c.n > 1 {
				s = "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s value%s", c.n, c.name, s))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	list := parts[0]
	if Lang() == "zh" {
		list = strings.Join(parts, "、")
	} else if n := len(parts); n > 1 {
		list = strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
	}
	if marked {
		return tr("nanmark", list)
	}
	return tr("nan", list)
}
