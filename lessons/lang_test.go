package lessons

import (
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/viz"
)

// withLang runs f in language l and restores the previous language.
func withLang(t *testing.T, l string, f func()) {
	t.Helper()
	prev := Lang()
	if err := SetLang(l); err != nil {
		t.Fatal(err)
	}
	defer SetLang(prev)
	f()
}

func TestSetLang(t *testing.T) {
	prev := Lang()
	defer SetLang(prev)
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"zh", ZH, true}, {"zh-CN", ZH, true}, {"zh_CN.UTF-8", ZH, true}, {" ZH ", ZH, true},
		{"chinese", ZH, true}, {"中文", ZH, true}, {"en", EN, true}, {"en_US.UTF-8", EN, true},
		{"English", EN, true}, {"fr", "", false}, {"", "", false},
	} {
		SetLang(EN)
		err := SetLang(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("SetLang(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok && Lang() != tc.want {
			t.Errorf("SetLang(%q): Lang() = %q, want %q", tc.in, Lang(), tc.want)
		}
		if tc.ok && viz.Lang() != tc.want {
			t.Errorf("SetLang(%q): viz.Lang() = %q, want %q: viz's own captions stay in the other language", tc.in, viz.Lang(), tc.want)
		}
		if !tc.ok {
			if Lang() != EN {
				t.Errorf("SetLang(%q) changed the language to %q", tc.in, Lang())
			}
			if !strings.Contains(err.Error(), `"en"`) || !strings.Contains(err.Error(), `"zh"`) {
				t.Errorf("SetLang(%q) error %q does not name the languages", tc.in, err)
			}
		}
	}
}

func TestT(t *testing.T) {
	RegisterCatalog("test", Catalog{"test.greet": {EN: "Hello, %s: %d", ZH: "你好，%s：%d"}})
	withLang(t, EN, func() {
		if got := T("test.greet", "Ada", 3); got != "Hello, Ada: 3" {
			t.Errorf("en: %q", got)
		}
	})
	withLang(t, ZH, func() {
		if got := T("test.greet", "Ada", 3); got != "你好，Ada：3" {
			t.Errorf("zh: %q", got)
		}
	})
	if got := T("test.no.such.key"); got != "⟦test.no.such.key⟧" {
		t.Errorf("unknown key: %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a key twice did not panic")
		}
	}()
	RegisterCatalog("test2", Catalog{"test.greet": {EN: "x", ZH: "x"}})
}

func TestTextFallsBackToEnglish(t *testing.T) {
	withLang(t, ZH, func() {
		if got := (Text{EN: "only English"}).String(); got != "only English" {
			t.Errorf("got %q", got)
		}
		if got := (Text{EN: "a", ZH: "甲"}).String(); got != "甲" {
			t.Errorf("got %q", got)
		}
	})
}

// TestUntranslated is the translation check: in zh mode no student-facing
// string of the framework (messages, the welcome exercises and lesson) is
// left in English, fmt verbs match, and the terminology table is followed.
func TestUntranslated(t *testing.T) {
	for _, p := range Untranslated() {
		t.Error(p)
	}
}

func TestCheckTextFindsProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		text Text
		want string // substring of the single problem; "" means no problem
	}{
		{"fine", Text{EN: "The output size is %d.", ZH: "输出尺寸是 %d。"}, ""},
		{"missing zh", Text{EN: "Hello there"}, "Chinese missing"},
		{"missing en", Text{ZH: "你好"}, "English missing"},
		{"zh is English", Text{EN: "Wrong answer here", ZH: "Wrong answer here"}, "no Chinese"},
		{"formula only", Text{EN: "$\\frac{a}{b}$", ZH: "$\\frac{a}{b}$"}, ""},
		{"verbs", Text{EN: "got %d and %d", ZH: "得到 %d"}, "fmt verbs"},
		{"term", Text{EN: "Check the padding.", ZH: "检查边距。"}, `"填充"`},
		{"term plural", Text{EN: "Two entries differ.", ZH: "两项不同。"}, `"元素"`},
		{"term ok", Text{EN: "Check the padding.", ZH: "检查填充。"}, ""},
		{"term in code ignored", Text{EN: "Call `padding(x)` now, please.", ZH: "现在调用 `padding(x)`。"}, ""},
		{"word inside word", Text{EN: "An arrow points here.", ZH: "箭头指向这里。"}, ""},
		{"code call", Text{EN: "Call e.masked_fill(mask, -inf) first.", ZH: "先调用 e.masked_fill(mask, -inf)。"}, ""},
		{"code names", Text{EN: "Set padding=1 and read out_proj.weight now.", ZH: "设置 padding=1 并读取 out_proj.weight。"}, ""},
		{"term kept in English", Text{EN: "Batch must be at least 1.", ZH: "Batch 至少为 1。"}, ""},
		{"term case", Text{EN: "The softmax agrees.", ZH: "Softmax 一致。"}, ""},
	} {
		got := checkText("t", tc.text, true)
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: unexpected problems %q", tc.name, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
			t.Errorf("%s: got %q, want one problem containing %q", tc.name, got, tc.want)
		}
	}
}

func TestTermFor(t *testing.T) {
	withLang(t, ZH, func() {
		for en, zh := range map[string]string{
			"convolution": "卷积", "cross-correlation": "互相关", "padding": "填充", "stride": "步幅",
			"pooling": "池化", "feature map": "特征图", "recurrent neural network": "循环神经网络",
			"hidden state": "隐状态", "gating": "门控", "attention": "注意力",
			"scaled dot-product attention": "缩放点积注意力", "multi-head attention": "多头注意力", "mask": "掩码",
		} {
			if got := TermFor(en); got != zh {
				t.Errorf("TermFor(%q) = %q, want %q", en, got, zh)
			}
		}
	})
	withLang(t, EN, func() {
		if got := TermFor("Convolution"); got != "convolution" {
			t.Errorf("en: %q", got)
		}
	})
	if got := TermFor("no such term"); got != "no such term" {
		t.Errorf("unknown: %q", got)
	}
	seen := map[string]bool{}
	for _, term := range Terms() {
		if seen[term.EN] {
			t.Errorf("term %q twice in the table", term.EN)
		}
		seen[term.EN] = true
		if term.EN != strings.ToLower(term.EN) || term.ZH == "" {
			t.Errorf("term %+v: EN must be lower case and ZH present", term)
		}
	}
	if md := Terms().Markdown(); !strings.Contains(md, "| convolution | 卷积 |") {
		t.Errorf("glossary markdown lacks the convolution row:\n%s", md)
	}
}
