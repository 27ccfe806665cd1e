#include "lint/regexsampler.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// The linter learns what a regex rule was written for from strings built out of the expression.
class tst_RegexSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samples_data();
    void samples();
    void everySampleMatches_data();
    void everySampleMatches();
    void sourcesOfCharacters();
    void refusesWhatItCannotReasonAbout_data();
    void refusesWhatItCannotReasonAbout();
    void limit();
    void hostileExpressions_data();
    void hostileExpressions();
};

void tst_RegexSampler::samples_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("literal with escapes")
        << uR"(https://app\.example\.com)"_s << QStringList { u"https://app.example.com"_s };
    QTest::newRow("optional s, left out first")
        << uR"(https?://example\.com)"_s << QStringList { u"http://example.com"_s, u"https://example.com"_s };
    QTest::newRow("alternation in a group")
        << uR"(https://(app|admin)\.example\.com)"_s
        << QStringList { u"https://app.example.com"_s, u"https://admin.example.com"_s };
    QTest::newRow("top-level alternation") << uR"(https://a\.example|https://b\.example)"_s
                                           << QStringList { u"https://a.example"_s, u"https://b.example"_s };
    QTest::newRow("optional port group")
        << uR"(https://example\.com(:\d+)?)"_s
        << QStringList { u"https://example.com"_s, u"https://example.com:1"_s };
    QTest::newRow("class repeated") << uR"(https://[a-z0-9-]+\.example\.com)"_s
                                    << QStringList { u"https://a.example.com"_s };
    QTest::newRow("exact count") << uR"(https://x[0-9]{3}\.example)"_s
                                 << QStringList { u"https://x111.example"_s };
    QTest::newRow("trailing .* left out, then one char")
        << uR"(https://example\.com.*)"_s
        << QStringList { u"https://example.com"_s, u"https://example.coma"_s };
    QTest::newRow("unquantified dot stays a dot")
        << uR"(https://app.example\.com)"_s << QStringList { u"https://app.example.com"_s };
    QTest::newRow("anchors and non-capturing group")
        << uR"(^https://(?:www\.)?example\.com$)"_s
        << QStringList { u"https://example.com"_s, u"https://www.example.com"_s };
    QTest::newRow("named group and inline flag")
        << uR"((?i)https://(?<sub>api)\.example)"_s << QStringList { u"https://api.example"_s };
    QTest::newRow("\\Q...\\E") << uR"(https://\Qa.b\E)"_s << QStringList { u"https://a.b"_s };
    QTest::newRow("negated class picks a letter")
        << uR"(https://[^.]+\.example)"_s << QStringList { u"https://a.example"_s };
}

void tst_RegexSampler::samples()
{
    QFETCH(QString, pattern);
    QFETCH(QStringList, expected);
    const auto samples = RegexSampler::sample(pattern);
    QVERIFY(samples);
    QStringList texts;
    for (const RegexSampler::Sample &sample : *samples)
        texts.append(sample.text);
    QCOMPARE(texts, expected);
}

void tst_RegexSampler::everySampleMatches_data()
{
    QTest::addColumn<QString>("pattern");
    for (const QString &pattern :
         { uR"(https?://(www\.|app\.)?example\.(com|org)(:(80|443|8443))?)"_s,
           uR"(https://[\w.-]+\.example\.com)"_s, uR"(https://example\.com[^/]*)"_s,
           uR"(https://(a|b|c)(x|y)\d{2,4}\.example)"_s, uR"(https://example\.com\w*)"_s, uR"(.*)"_s,
           uR"(https://.+acme\.example.+)"_s })
        QTest::newRow(qPrintable(pattern)) << pattern;
}

void tst_RegexSampler::everySampleMatches()
{
    // Samples are only worth something if the real engine agrees.
    QFETCH(QString, pattern);
    const QRegularExpression regex(QRegularExpression::anchoredPattern(pattern),
                                   QRegularExpression::CaseInsensitiveOption);
    QVERIFY(regex.isValid());
    const auto samples = RegexSampler::sample(pattern);
    QVERIFY(samples && !samples->isEmpty());
    for (const RegexSampler::Sample &sample : *samples) {
        QVERIFY2(regex.match(sample.text).hasMatch(), qPrintable(sample.text));
        QCOMPARE(sample.sources.size(), sample.text.size());
        QCOMPARE(sample.tokens.size(), sample.text.size());
    }
}

void tst_RegexSampler::sourcesOfCharacters()
{
    using S = RegexSampler::Source;
    const auto samples = RegexSampler::sample(uR"(https://[a-z]+.example\.com)"_s);
    QVERIFY(samples);
    const RegexSampler::Sample &sample = samples->first();
    QCOMPARE(sample.text, u"https://a.example.com"_s);
    QCOMPARE(sample.sources.at(0), S::Literal); // h
    QCOMPARE(sample.sources.at(8), S::Class); // a, from [a-z]+
    QCOMPARE(sample.sources.at(9), S::Dot); // the unescaped "."
    QCOMPARE(sample.sources.at(17), S::Literal); // the escaped "\."
    QVERIFY(sample.tokens.at(8) >= 0 && sample.tokens.at(8) != sample.tokens.at(9));
    QCOMPARE(sample.tokens.at(17), -1);
}

void tst_RegexSampler::refusesWhatItCannotReasonAbout_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("lookahead") << uR"(https://(?!evil)[a-z]+\.example)"_s;
    QTest::newRow("lookbehind") << uR"(https://(?<=x)a)"_s;
    QTest::newRow("backreference") << uR"(https://(a)\1\.example)"_s;
    QTest::newRow("unicode property") << uR"(https://\p{L}+\.example)"_s;
    QTest::newRow("posix class") << uR"(https://[[:alpha:]]+\.example)"_s;
    QTest::newRow("extended mode") << uR"((?x) https:// example\.com)"_s;
    QTest::newRow("unbalanced") << uR"(https://(a\.example)"_s;
}

void tst_RegexSampler::refusesWhatItCannotReasonAbout()
{
    QFETCH(QString, pattern);
    QVERIFY(!RegexSampler::sample(pattern));
}

void tst_RegexSampler::limit()
{
    const auto samples = RegexSampler::sample(uR"((a|b|c|d)(e|f|g|h)(i|j|k|l))"_s, 5);
    QVERIFY(samples);
    QCOMPARE(samples->size(), 5);
    QCOMPARE(samples->first().text, u"aei"_s);
}

void tst_RegexSampler::hostileExpressions_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("sampled");
    // Whatever an administrator types, sampling returns quickly, within bounds, or refuses.
    QTest::newRow("huge repeat") << u"((a{1000}){1000}){1000}"_s << false;
    QTest::newRow("long but origin-sized") << u"https://a{200}\\.example"_s << true;
    QTest::newRow("many alternatives") << u"(a|b|c|d|e|f|g|h){60}"_s << true;
    QTest::newRow("empty class") << u"[]"_s << false;
    QTest::newRow("negated everything") << u"[^\\x00-\\x7f]"_s << false;
    QTest::newRow("dangling escape") << u"abc\\"_s << false;
    QTest::newRow("open brace is literal") << u"a{"_s << true;
    QTest::newRow("inverted range") << u"[z-a]"_s << false;
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("nested groups") << QString(u"("_s.repeated(200) + u"a"_s + u")"_s.repeated(200)) << true;
}

void tst_RegexSampler::hostileExpressions()
{
    QFETCH(QString, pattern);
    QFETCH(bool, sampled);
    const auto samples = RegexSampler::sample(pattern);
    QCOMPARE(bool(samples), sampled);
    if (samples) {
        for (const RegexSampler::Sample &sample : *samples)
            QVERIFY(sample.text.size() <= 512);
    }
}

QTEST_GUILESS_MAIN(tst_RegexSampler)
#include "tst_regexsampler.moc"
