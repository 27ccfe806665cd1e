#include "model/tokenlist.h"

#include <QTest>

using cors::TokenList;

class tst_TokenList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void megabyteOfCommas();
    void megabyteOfItems();
    void invalidItems();
};

void tst_TokenList::parse_data()
{
    QTest::addColumn<QByteArrayList>("fieldValues");
    QTest::addColumn<QByteArrayList>("items");
    QTest::addColumn<QByteArrayList>("lowerUnique");

    QTest::newRow("browser form") << QByteArrayList { "content-type,x-a,x-b" }
                                  << QByteArrayList { "content-type", "x-a", "x-b" }
                                  << QByteArrayList { "content-type", "x-a", "x-b" };
    QTest::newRow("spaces and tabs") << QByteArrayList { " X-A ,\tx-b\t, x-c" }
                                     << QByteArrayList { "X-A", "x-b", "x-c" }
                                     << QByteArrayList { "x-a", "x-b", "x-c" };
    QTest::newRow("empty items") << QByteArrayList { ",,x-a,, ,x-b," } << QByteArrayList { "x-a", "x-b" }
                                 << QByteArrayList { "x-a", "x-b" };
    QTest::newRow("repeated lines") << QByteArrayList { "x-a", "X-B, x-a", "" }
                                    << QByteArrayList { "x-a", "X-B", "x-a" }
                                    << QByteArrayList { "x-a", "x-b" };
    QTest::newRow("case duplicates keep first position")
        << QByteArrayList { "X-Custom-Header, x-custom-header, Accept" }
        << QByteArrayList { "X-Custom-Header", "x-custom-header", "Accept" }
        << QByteArrayList { "x-custom-header", "accept" };
    QTest::newRow("empty") << QByteArrayList { "" } << QByteArrayList() << QByteArrayList();
    QTest::newRow("only whitespace") << QByteArrayList { "  \t " } << QByteArrayList() << QByteArrayList();
}

void tst_TokenList::parse()
{
    QFETCH(QByteArrayList, fieldValues);
    QFETCH(QByteArrayList, items);
    QFETCH(QByteArrayList, lowerUnique);
    const TokenList list = TokenList::parse(fieldValues);
    QCOMPARE(list.items(), items);
    QCOMPARE(list.lowerCasedUnique(), lowerUnique);
}

void tst_TokenList::megabyteOfCommas()
{
    // A hostile Access-Control-Request-Headers: a megabyte of commas is no items, parsed in one
    // pass (a quadratic parser would not finish within the test's timeout).
    const QByteArray commas(1024 * 1024, ',');
    const TokenList list = TokenList::parse(QByteArrayList { commas, commas });
    QVERIFY(list.isEmpty());
    QVERIFY(list.invalidItems().isEmpty());
}

void tst_TokenList::megabyteOfItems()
{
    QByteArray value;
    const int count = 100000;
    for (int i = 0; i < count; ++i)
        value += "X-H" + QByteArray::number(i % 1000) + ", ";
    const TokenList list = TokenList::parse(value);
    QCOMPARE(list.items().size(), count);
    QCOMPARE(list.lowerCasedUnique().size(), 1000);
    QCOMPARE(list.lowerCasedUnique().first(), QByteArray("x-h0"));
}

void tst_TokenList::invalidItems()
{
    const TokenList list = TokenList::parse(QByteArrayView("x-a, x b, \"quoted\", y(z), ok"));
    QCOMPARE(list.invalidItems(), (QByteArrayList { "x b", "\"quoted\"", "y(z)" }));
    QVERIFY(list.contains("OK", Qt::CaseInsensitive));
    QVERIFY(!list.contains("OK", Qt::CaseSensitive));
}

QTEST_APPLESS_MAIN(tst_TokenList)
#include "tst_tokenlist.moc"
