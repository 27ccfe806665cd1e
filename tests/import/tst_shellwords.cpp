// ShellWords: bash's word splitting for what "Copy as cURL (bash)" writes, checked against bash.
#include "import/shellwords.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

Q_DECLARE_METATYPE(QByteArrayList)

namespace {

QByteArrayList texts(const QList<ShellWords::Word> &words)
{
    QByteArrayList list;
    for (const ShellWords::Word &word : words)
        list.append(word.text);
    return list;
}

} // namespace

class tst_ShellWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void offsets();
    void refused_data();
    void refused();
    void fixturesAgreeWithBash_data();
    void fixturesAgreeWithBash();
    void lineAndColumn();
};

void tst_ShellWords::split_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArrayList>("words");

    QTest::newRow("plain words") << u"curl  -s\thttps://a.example/"_s
                                 << QByteArrayList { "curl", "-s", "https://a.example/" };
    QTest::newRow("single quotes keep everything")
        << u"curl 'a $HOME \\n \"b\"'"_s << QByteArrayList { "curl", "a $HOME \\n \"b\"" };
    QTest::newRow("'\\'' inside single quotes") << u"curl 'it'\\''s'"_s << QByteArrayList { "curl", "it's" };
    QTest::newRow("adjacent parts make one word")
        << u"curl -H'X: '\"1\"$'\\x32'"_s << QByteArrayList { "curl", "-HX: 12" };
    QTest::newRow("line continuation")
        << u"curl 'u' \\\n  -X 'PUT'"_s << QByteArrayList { "curl", "u", "-X", "PUT" };
    QTest::newRow("line continuation, CR LF")
        << u"curl 'u' \\\r\n  -X 'PUT'\r\n"_s << QByteArrayList { "curl", "u", "-X", "PUT" };
    QTest::newRow("continuation inside a word") << u"cu\\\nrl"_s << QByteArrayList { "curl" };
    QTest::newRow("backslash outside quotes") << u"a\\ b \\'c"_s << QByteArrayList { "a b", "'c" };
    QTest::newRow("double quotes: \\ escapes only $ ` \" \\")
        << u"\"\\$x \\` \\\" \\\\ \\n $ \""_s << QByteArrayList { "$x ` \" \\ \\n $ " };
    QTest::newRow("ANSI-C: Chromium's escapes")
        << u"$'don\\'t\\u0021\\n\\\\'"_s << QByteArrayList { "don't!\n\\" };
    QTest::newRow("ANSI-C: Firefox's \\xHH is one byte") << u"$'Ren\\xe9e'"_s
                                                         << QByteArrayList { "Ren\xe9"
                                                                             "e" };
    QTest::newRow("ANSI-C: \\u is UTF-8")
        << u"$'\\u00e9\\u2014'"_s << QByteArrayList { "\xc3\xa9\xe2\x80\x94" };
    QTest::newRow("ANSI-C: Firefox's surrogate pair")
        << u"$'\\ud83d\\ude00'"_s << QByteArrayList { "\xf0\x9f\x98\x80" };
    QTest::newRow("ANSI-C: \\U, octal, \\c, \\e, unknown") << u"$'\\U0001F600\\101\\cA\\e\\q'"_s
                                                           << QByteArrayList { "\xf0\x9f\x98\x80"
                                                                               "A\x01\x1b\\q" };
    QTest::newRow("ANSI-C: \\x without digits stays") << u"$'\\xg'"_s << QByteArrayList { "\\xg" };
    QTest::newRow("$\"…\" is a double-quoted string") << u"$\"a b\""_s << QByteArrayList { "a b" };
    QTest::newRow("a lone $ is literal") << u"a$ $ 'b'$"_s << QByteArrayList { "a$", "$", "b$" };
    QTest::newRow("comments") << u"curl # a comment 'x\n  -s # another"_s << QByteArrayList { "curl", "-s" };
    QTest::newRow("# inside a word") << u"https://a.example/#frag"_s
                                     << QByteArrayList { "https://a.example/#frag" };
    QTest::newRow("non-ASCII text is UTF-8") << u"'Renée'"_s
                                             << QByteArrayList { "Ren\xc3\xa9"
                                                                 "e" };
    QTest::newRow("empty quotes are a word") << u"a '' b"_s << QByteArrayList { "a", "", "b" };
    QTest::newRow("nothing") << u"  \n\t "_s << QByteArrayList {};
}

void tst_ShellWords::split()
{
    QFETCH(QString, text);
    QFETCH(QByteArrayList, words);
    ShellWords::Error error;
    const auto split = ShellWords::split(text, &error);
    QVERIFY2(split, qPrintable(error.message));
    QCOMPARE(texts(*split), words);
}

void tst_ShellWords::offsets()
{
    const QString text = u"curl \\\n  'https://x/' -H\"a\""_s;
    const auto words = ShellWords::split(text, nullptr);
    QVERIFY(words);
    QCOMPARE(words->size(), 3);
    QCOMPARE(words->at(0).start, 0);
    QVERIFY(!words->at(0).quoted);
    QCOMPARE(words->at(1).start, text.indexOf(u'\''));
    QVERIFY(words->at(1).quoted);
    QCOMPARE(words->at(2).start, text.indexOf(u"-H"));
}

void tst_ShellWords::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("message");

    QTest::newRow("unterminated single quote") << u"curl 'https://x/ -H a"_s << 5 << u"never closed"_s;
    QTest::newRow("unterminated double quote") << u"curl \"abc"_s << 5 << u"never closed"_s;
    QTest::newRow("unterminated ANSI-C quote") << u"curl $'abc\\'"_s << 5 << u"$'…' quote is never closed"_s;
    QTest::newRow("parameter expansion") << u"curl https://x/$HOME"_s << 15 << u"\"$H\" is shell expansion"_s;
    QTest::newRow("expansion in double quotes") << u"curl \"${TOKEN}\""_s << 6 << u"shell expansion"_s;
    QTest::newRow("command substitution") << u"curl $(cat url)"_s << 5 << u"shell expansion"_s;
    QTest::newRow("backticks") << u"curl `cat url`"_s << 5 << u"command substitution"_s;
    QTest::newRow("a pipe") << u"curl 'https://x/' | jq ."_s << 18 << u"\"|\" is a shell operator"_s;
    QTest::newRow("two commands") << u"curl 'a' ;\ncurl 'b'"_s << 9 << u"\";\" is a shell operator"_s;
    QTest::newRow("a redirection") << u"curl 'a' > out"_s << 9 << u"shell operator"_s;
    QTest::newRow("trailing backslash") << u"curl 'a' \\"_s << 9 << u"ends with a backslash"_s;
    QTest::newRow("\\U beyond Unicode") << u"$'\\UFFFFFFFF'"_s << 2 << u"not a Unicode character"_s;
}

void tst_ShellWords::refused()
{
    QFETCH(QString, text);
    QFETCH(int, offset);
    QFETCH(QString, message);
    ShellWords::Error error;
    QVERIFY(!ShellWords::split(text, &error));
    QCOMPARE(error.offset, offset);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
}

void tst_ShellWords::fixturesAgreeWithBash_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(CORS_IMPORT_DATA "/curl"));
    for (const QString &name : dir.entryList({ u"*.sh"_s }, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

// The words bash hands curl for each "Copy as cURL" fixture are the words ShellWords finds.
void tst_ShellWords::fixturesAgreeWithBash()
{
    QFETCH(QString, file);
    if (!QFile::exists(u"/bin/bash"_s))
        QSKIP("no /bin/bash");
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());

    QProcess bash;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    bash.setProcessEnvironment(environment);
    bash.start(u"/bin/bash"_s,
               { u"-c"_s, u"curl() { printf 'curl\\0'; printf '%s\\0' \"$@\"; }; source \"$1\""_s, u"bash"_s,
                 file });
    QVERIFY(bash.waitForFinished(10000));
    QCOMPARE(bash.exitCode(), 0);
    QByteArrayList expected = bash.readAllStandardOutput().split('\0');
    expected.removeLast(); // after the last NUL

    const auto words = ShellWords::split(text, nullptr);
    QVERIFY(words);
    QCOMPARE(texts(*words), expected);
}

void tst_ShellWords::lineAndColumn()
{
    const QString text = u"ab\ncd\n\nef"_s;
    QCOMPARE(ShellWords::lineAndColumn(text, 0), std::make_pair(1, 1));
    QCOMPARE(ShellWords::lineAndColumn(text, 4), std::make_pair(2, 2));
    QCOMPARE(ShellWords::lineAndColumn(text, 7), std::make_pair(4, 1));
    QCOMPARE(ShellWords::lineAndColumn(text, 100), std::make_pair(4, 3));
}

QTEST_APPLESS_MAIN(tst_ShellWords)
#include "tst_shellwords.moc"
