#pragma once

// Builds small HAR documents for tests whose point is one shape of entry; the fixtures in data/
// are the browsers' own shapes.

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace cors::test {

class HarBuilder
{
public:
    using Headers = QList<std::pair<QString, QString>>;

    struct Entry
    {
        static Entry make(QString method, QString url, Headers requestHeaders, int status = 200,
                          Headers responseHeaders = {}, int startedMs = 0)
        {
            Entry entry;
            entry.method = std::move(method);
            entry.url = std::move(url);
            entry.requestHeaders = std::move(requestHeaders);
            entry.status = status;
            entry.responseHeaders = std::move(responseHeaders);
            entry.startedMs = startedMs;
            return entry;
        }
        Entry &chromium(QString type, QString failure = {})
        {
            resourceType = std::move(type);
            error = std::move(failure);
            return *this;
        }
        Entry &onPage(QString page)
        {
            pageref = std::move(page);
            return *this;
        }

        QString method = QStringLiteral("GET");
        QString url;
        QList<std::pair<QString, QString>> requestHeaders;
        int status = 200;
        QList<std::pair<QString, QString>> responseHeaders;
        int startedMs = 0; // after 2024-11-05T09:00:00Z
        QString pageref = QStringLiteral("page_1");
        QString error; // Chromium's _error
        QString resourceType; // Chromium's _resourceType
        QString redirectUrl;
    };

    explicit HarBuilder(QString creator = QStringLiteral("WebInspector"), QString pageUrl = QString())
        : m_creator(std::move(creator))
        , m_pageUrl(std::move(pageUrl))
    { }

    HarBuilder &add(const Entry &entry)
    {
        m_entries.append(entry);
        return *this;
    }

    QByteArray json() const
    {
        const QDateTime base(QDate(2024, 11, 5), QTime(9, 0), Qt::UTC);
        QJsonArray entries;
        for (const Entry &e : m_entries) {
            QJsonObject entry;
            if (!e.resourceType.isEmpty())
                entry.insert(QStringLiteral("_resourceType"), e.resourceType);
            entry.insert(QStringLiteral("pageref"), e.pageref);
            entry.insert(QStringLiteral("startedDateTime"),
                         base.addMSecs(e.startedMs).toString(Qt::ISODateWithMs));
            entry.insert(QStringLiteral("request"),
                         QJsonObject { { QStringLiteral("method"), e.method },
                                       { QStringLiteral("url"), e.url },
                                       { QStringLiteral("headers"), headers(e.requestHeaders) } });
            QJsonObject response { { QStringLiteral("status"), e.status },
                                   { QStringLiteral("headers"), headers(e.responseHeaders) },
                                   { QStringLiteral("redirectURL"), e.redirectUrl } };
            response.insert(QStringLiteral("_error"),
                            e.error.isEmpty() ? QJsonValue(QJsonValue::Null) : e.error);
            entry.insert(QStringLiteral("response"), response);
            entries.append(entry);
        }
        QJsonArray pages;
        if (!m_pageUrl.isEmpty()) {
            pages.append(
                QJsonObject { { QStringLiteral("id"), QStringLiteral("page_1") },
                              { QStringLiteral("title"), m_pageUrl },
                              { QStringLiteral("startedDateTime"), base.toString(Qt::ISODateWithMs) } });
        }
        const QJsonObject log { { QStringLiteral("version"), QStringLiteral("1.2") },
                                { QStringLiteral("creator"),
                                  QJsonObject { { QStringLiteral("name"), m_creator } } },
                                { QStringLiteral("pages"), pages },
                                { QStringLiteral("entries"), entries } };
        return QJsonDocument(QJsonObject { { QStringLiteral("log"), log } }).toJson();
    }

private:
    static QJsonArray headers(const QList<std::pair<QString, QString>> &list)
    {
        QJsonArray array;
        for (const auto &[name, value] : list)
            array.append(
                QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("value"), value } });
        return array;
    }

    QString m_creator;
    QString m_pageUrl;
    QList<Entry> m_entries;
};

} // namespace cors::test
