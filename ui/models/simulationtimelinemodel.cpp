#include "simulationtimelinemodel.h"

#include "model/httpmessagetext.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>

using namespace Qt::StringLiterals;

namespace cors {

struct SimulationTimelineModel::Node
{
    QString step;
    QString detail;
    QString state; // ok, failed, info, exchange, verdict-allowed, verdict-blocked, verdict-opaque
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(QString step, QString detail, QString state)
    {
        auto child = std::make_unique<Node>();
        child->step = std::move(step);
        child->detail = std::move(detail);
        child->state = std::move(state);
        child->parent = this;
        children.push_back(std::move(child));
        return children.back().get();
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
};

namespace {

QString headerSummary(const HttpHeaders &headers)
{
    return headers.isEmpty() ? u"no headers"_s : u"%1 header(s)"_s.arg(headers.size());
}

template<typename Node> void addHeaders(Node *node, const HttpHeaders &headers)
{
    for (const auto &[name, value] : headers)
        node->add(QString::fromUtf8(name), QString::fromUtf8(value), u"header"_s);
}

} // namespace

SimulationTimelineModel::SimulationTimelineModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{ }

SimulationTimelineModel::~SimulationTimelineModel() = default;

void SimulationTimelineModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void SimulationTimelineModel::setOutcome(const Outcome &outcome, const QList<CorsDecision> &decisions,
                                         const QString &browserName)
{
    beginResetModel();
    m_root = std::make_unique<Node>();

    // The exchanges in the order they happened.
    struct ExchangeRef
    {
        const Exchange *exchange;
        bool preflight;
        bool fromCache;
    };
    QList<ExchangeRef> exchanges;
    for (const FetchHop &hop : outcome.hops) {
        if (hop.preflight)
            exchanges.append({ &*hop.preflight, true, false });
        else if (hop.preflightFromCache)
            exchanges.append({ nullptr, true, true });
        if (hop.actual)
            exchanges.append({ &*hop.actual, false, false });
    }
    qsizetype nextExchange = 0;
    qsizetype nextDecision = 0;
    const auto addExchange = [&](const ExchangeRef &ref, const TraceStep *serverStep) {
        if (ref.fromCache) {
            m_root->add(u"Preflight"_s, u"Not sent: %1 answers from its preflight cache."_s.arg(browserName),
                        u"info"_s);
            return;
        }
        const HttpRequest &request = ref.exchange->request;
        Node *sent =
            m_root->add(ref.preflight ? u"Preflight sent"_s : u"Request sent"_s,
                        QString::fromLatin1(request.method) + u' ' + request.url.toString(), u"exchange"_s);
        addHeaders(sent, request.headers);
        if (!ref.exchange->response) {
            m_root->add(u"No response"_s,
                        serverStep ? serverStep->detail : u"Nothing answered: a network error."_s,
                        u"failed"_s);
            return;
        }
        const HttpResponse &response = *ref.exchange->response;
        QString reason = HttpMessageText::reasonPhrase(response.status);
        Node *answer = m_root->add(
            u"Server answered"_s,
            u"%1 %2, %3"_s.arg(response.status).arg(reason, headerSummary(response.headers)), u"exchange"_s);
        addHeaders(answer, response.headers);
        if (!response.body.isEmpty())
            answer->add(u"Body"_s, QString::fromUtf8(response.body.left(2000)), u"header"_s);
        // What the tenant's rules did to produce this answer.
        if (nextDecision < decisions.size()) {
            Node *why = answer->add(u"Server checks"_s, serverStep ? serverStep->detail : QString(),
                                    serverStep && !serverStep->ok ? u"failed"_s : u"ok"_s);
            for (const TraceStep &step : decisions[nextDecision].trace)
                why->add(step.step, step.detail, step.ok ? u"ok"_s : u"failed"_s);
            ++nextDecision;
        } else if (serverStep) {
            answer->add(u"Source"_s, serverStep->detail, u"info"_s);
        }
    };

    for (const TraceStep &step : outcome.trace) {
        if (step.step == u"server") {
            if (nextExchange < exchanges.size()) {
                // A cached preflight has no server step of its own.
                while (nextExchange < exchanges.size() && exchanges[nextExchange].fromCache)
                    addExchange(exchanges[nextExchange++], nullptr);
                if (nextExchange < exchanges.size())
                    addExchange(exchanges[nextExchange++], &step);
            }
            continue;
        }
        if (step.step == u"verdict")
            continue;
        m_root->add(step.step, step.detail, step.ok ? u"ok"_s : u"failed"_s);
    }
    while (nextExchange < exchanges.size())
        addExchange(exchanges[nextExchange++], nullptr);

    const QString verdict = verdictName(outcome.verdict);
    QString detail;
    switch (outcome.verdict) {
    case Verdict::Allowed:
        detail = u"%1 gives the page the response (status %2); script can read: %3."_s.arg(browserName)
                     .arg(outcome.status)
                     .arg(outcome.exposedHeaders.isEmpty()
                              ? u"no headers"_s
                              : QString::fromLatin1(outcome.exposedHeaders.join(", ")));
        break;
    case Verdict::Blocked:
        detail = outcome.error ? outcome.error->message : u"fetch() rejects with a TypeError."_s;
        break;
    case Verdict::Opaque:
        detail =
            u"The no-cors fetch resolves with an opaque response: status 0, no headers, no body for script."_s;
        break;
    }
    m_root->add(u"Verdict: "_s + verdict.toUpper(), detail, u"verdict-"_s + verdict);
    endResetModel();
}

SimulationTimelineModel::Node *SimulationTimelineModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex SimulationTimelineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *node = nodeOf(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex SimulationTimelineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = nodeOf(child);
    Node *parentNode = node->parent;
    if (!parentNode || parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row(), 0, parentNode);
}

int SimulationTimelineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int SimulationTimelineModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SimulationTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == StepColumn ? node->step : node->detail;
    case Qt::ToolTipRole:
        return index.column() == DetailColumn && node->detail.size() > 60 ? QVariant(node->detail)
                                                                          : QVariant();
    case Qt::DecorationRole:
        if (index.column() != StepColumn)
            return {};
        if (node->state == u"ok" || node->state == u"verdict-allowed")
            return QIcon(u":/cors/icons/actions/pass.svg"_s);
        if (node->state == u"failed" || node->state == u"verdict-blocked")
            return QIcon(u":/cors/icons/actions/fail.svg"_s);
        if (node->state == u"verdict-opaque")
            return QIcon(u":/cors/icons/actions/warning.svg"_s);
        if (node->state == u"exchange")
            return QIcon(u":/cors/icons/actions/server.svg"_s);
        if (node->state == u"info")
            return QIcon(u":/cors/icons/actions/info.svg"_s);
        return {};
    case Qt::FontRole:
        if (node->state.startsWith(u"verdict") || node->state == u"exchange") {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (node->state == u"header") {
            QFont font(u"monospace"_s);
            font.setStyleHint(QFont::Monospace);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (node->state == u"verdict-allowed")
            return QBrush(QColor(0x2e, 0x9d, 0x4f));
        if (node->state == u"verdict-blocked")
            return QBrush(QColor(0xd9, 0x3a, 0x3a));
        return {};
    case StateRole:
        return node->state;
    default:
        return {};
    }
}

QVariant SimulationTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == StepColumn ? u"Step"_s : u"What happened"_s;
}

} // namespace cors
