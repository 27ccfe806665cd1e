#include "model/portset.h"

#include <QTest>

using namespace Qt::StringLiterals;
using cors::PortSet;

class tst_PortSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();
};

void tst_PortSet::parse_data()
{
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QList<int>>("inside");
    QTest::addColumn<QList<int>>("outside");
    QTest::addColumn<QStringList>("canonical");

    QTest::newRow("empty is default")
        << QStringList() << QList<int>() << QList<int> { 80, 443 } << QStringList();
    QTest::newRow("single") << QStringList { u"8080"_s } << QList<int> { 8080 } << QList<int> { 8081, 80 }
                            << QStringList { u"8080"_s };
    QTest::newRow("range") << QStringList { u"3000-3999"_s } << QList<int> { 3000, 3500, 3999 }
                           << QList<int> { 2999, 4000, 30000 } << QStringList { u"3000-3999"_s };
    QTest::newRow("range with spaces") << QStringList { u" 3000 - 3001 "_s } << QList<int> { 3000, 3001 }
                                       << QList<int> { 3002 } << QStringList { u"3000-3001"_s };
    QTest::newRow("list") << QStringList { u"80"_s, u"8080-8081"_s } << QList<int> { 80, 8080, 8081 }
                          << QList<int> { 443, 8082 } << QStringList { u"80"_s, u"8080-8081"_s };
    QTest::newRow("any") << QStringList { u"*"_s } << QList<int> { 1, 80, 65535 } << QList<int>()
                         << QStringList { u"*"_s };
}

void tst_PortSet::parse()
{
    QFETCH(QStringList, items);
    QFETCH(QList<int>, inside);
    QFETCH(QList<int>, outside);
    QFETCH(QStringList, canonical);
    QString error;
    const auto set = PortSet::parse(items, nullptr, &error);
    QVERIFY2(set, qPrintable(error));
    for (int port : inside)
        QVERIFY2(set->contains(port), qPrintable(QString::number(port)));
    for (int port : outside)
        QVERIFY2(!set->contains(port), qPrintable(QString::number(port)));
    QCOMPARE(set->toStringList(), canonical);
    QCOMPARE(set->isDefault(), items.isEmpty());
    QCOMPARE(PortSet::parse(set->toStringList()), set);
}

void tst_PortSet::rejects_data()
{
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<int>("badIndex");
    QTest::addColumn<QString>("message");

    QTest::newRow("letters") << QStringList {
        u"80"_s, u"80a"_s
    } << 1 << u"\"80a\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s;
    QTest::newRow("zero") << QStringList { u"0"_s } << 0
                          << u"\"0\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s;
    QTest::newRow("too big") << QStringList {
        u"65536"_s
    } << 0 << u"\"65536\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s;
    QTest::newRow("reversed") << QStringList { u"4000-3000"_s } << 0
                              << u"\"4000-3000\" is a range that ends before it starts"_s;
    QTest::newRow("open range") << QStringList {
        u"3000-"_s
    } << 0 << u"\"3000-\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s;
    QTest::newRow("star with others")
        << QStringList { u"80"_s, u"*"_s } << 1 << u"\"*\" (any port) cannot be combined with other ports"_s;
    QTest::newRow("negative") << QStringList {
        u"-1"_s
    } << 0 << u"\"-1\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s;
}

void tst_PortSet::rejects()
{
    QFETCH(QStringList, items);
    QFETCH(int, badIndex);
    QFETCH(QString, message);
    int index = -1;
    QString error;
    QVERIFY(!PortSet::parse(items, &index, &error));
    QCOMPARE(index, badIndex);
    QCOMPARE(error, message);
}

QTEST_APPLESS_MAIN(tst_PortSet)
#include "tst_portset.moc"
