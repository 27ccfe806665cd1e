#include "curlcommand.h"

#include "shellwords.h"

#include <array>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

enum class Action {
    Method, // -X
    Header, // -H
    Data, // -d, --data, --data-ascii: "@file" reads a file
    DataRaw, // --data-raw: "@" is literal
    DataBinary, // --data-binary: "@file" reads a file
    DataUrlencode, // --data-urlencode
    Cookie, // -b
    UserAgent, // -A
    Referer, // -e
    User, // -u
    Range, // -r
    Url, // --url
    Head, // -I
    Get, // -G: the data goes into the query
    Globoff, // -g
    Form, // -F: refused
    Ignored, // a flag or an option with an argument that makes no difference to a browser
};

struct Option
{
    QByteArrayView longName;
    char shortName;
    bool takesArgument;
    Action action;
    const char *note; // for Ignored: why it makes no difference
};

// curl's own option names (curl(1)); those DevTools writes come first.
constexpr std::array kOptions = {
    Option { "request", 'X', true, Action::Method, nullptr },
    Option { "header", 'H', true, Action::Header, nullptr },
    Option { "data-raw", 0, true, Action::DataRaw, nullptr },
    Option { "data-binary", 0, true, Action::DataBinary, nullptr },
    Option { "cookie", 'b', true, Action::Cookie, nullptr },
    Option { "compressed", 0, false, Action::Ignored,
             "curl asks for compressed responses and decodes them; a browser always does" },
    Option { "insecure", 'k', false, Action::Ignored,
             "curl skips the TLS certificate check; a browser never does" },
    Option { "globoff", 'g', false, Action::Globoff, nullptr },
    Option { "data", 'd', true, Action::Data, nullptr },
    Option { "data-ascii", 0, true, Action::Data, nullptr },
    Option { "data-urlencode", 0, true, Action::DataUrlencode, nullptr },
    Option { "head", 'I', false, Action::Head, nullptr },
    Option { "get", 'G', false, Action::Get, nullptr },
    Option { "user-agent", 'A', true, Action::UserAgent, nullptr },
    Option { "referer", 'e', true, Action::Referer, nullptr },
    Option { "user", 'u', true, Action::User, nullptr },
    Option { "range", 'r', true, Action::Range, nullptr },
    Option { "url", 0, true, Action::Url, nullptr },
    Option { "form", 'F', true, Action::Form, nullptr },
    Option { "location", 'L', false, Action::Ignored, "a browser follows redirects itself" },
    Option { "location-trusted", 0, false, Action::Ignored, "a browser follows redirects itself" },
    Option { "silent", 's', false, Action::Ignored, nullptr },
    Option { "show-error", 'S', false, Action::Ignored, nullptr },
    Option { "include", 'i', false, Action::Ignored, nullptr },
    Option { "verbose", 'v', false, Action::Ignored, nullptr },
    Option { "fail", 'f', false, Action::Ignored, nullptr },
    Option { "fail-with-body", 0, false, Action::Ignored, nullptr },
    Option { "no-buffer", 'N', false, Action::Ignored, nullptr },
    Option { "progress-bar", '#', false, Action::Ignored, nullptr },
    Option { "http1.0", '0', false, Action::Ignored, nullptr },
    Option { "http1.1", 0, false, Action::Ignored, nullptr },
    Option { "http2", 0, false, Action::Ignored, nullptr },
    Option { "http2-prior-knowledge", 0, false, Action::Ignored, nullptr },
    Option { "http3", 0, false, Action::Ignored, nullptr },
    Option { "path-as-is", 0, false, Action::Ignored, nullptr },
    Option { "tr-encoding", 0, false, Action::Ignored, nullptr },
    Option { "raw", 0, false, Action::Ignored, nullptr },
    Option { "no-keepalive", 0, false, Action::Ignored, nullptr },
    Option { "ssl-no-revoke", 0, false, Action::Ignored, nullptr },
    Option { "tlsv1.2", 0, false, Action::Ignored, nullptr },
    Option { "tlsv1.3", 0, false, Action::Ignored, nullptr },
    Option { "output", 'o', true, Action::Ignored, nullptr },
    Option { "remote-name", 'O', false, Action::Ignored, nullptr },
    Option { "write-out", 'w', true, Action::Ignored, nullptr },
    Option { "dump-header", 'D', true, Action::Ignored, nullptr },
    Option { "cookie-jar", 'c', true, Action::Ignored, nullptr },
    Option { "connect-timeout", 0, true, Action::Ignored, nullptr },
    Option { "max-time", 'm', true, Action::Ignored, nullptr },
    Option { "max-redirs", 0, true, Action::Ignored, nullptr },
    Option { "retry", 0, true, Action::Ignored, nullptr },
    Option { "proxy", 'x', true, Action::Ignored,
             "a proxy does not change what the browser's CORS checks see" },
    Option { "resolve", 0, true, Action::Ignored, nullptr },
    Option { "connect-to", 0, true, Action::Ignored, nullptr },
    Option { "cacert", 0, true, Action::Ignored, nullptr },
    Option { "cert", 'E', true, Action::Ignored, nullptr },
    Option { "key", 0, true, Action::Ignored, nullptr },
    Option { "interface", 0, true, Action::Ignored, nullptr },
};

const Option *findLong(QByteArrayView name)
{
    for (const Option &option : kOptions) {
        if (option.longName == name)
            return &option;
    }
    return nullptr;
}

const Option *findShort(char name)
{
    for (const Option &option : kOptions) {
        if (option.shortName == name)
            return &option;
    }
    return nullptr;
}

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

// What a browser's "Copy as …" wrote instead of the bash form, recognized before bash rules make
// a confusing message of it.
std::optional<std::pair<qsizetype, QString>> otherForm(QStringView command)
{
    const QString trimmed = command.trimmed().toString();
    const qsizetype start = command.indexOf(trimmed.left(1));
    if (trimmed.startsWith(u"Invoke-WebRequest") || trimmed.startsWith(u"$session")) {
        return std::pair { start,
                           u"this is \"Copy as PowerShell\"; copy the request as cURL (bash) instead"_s };
    }
    if (trimmed.startsWith(u"fetch(") || trimmed.startsWith(u"await fetch(")) {
        return std::pair { start, u"this is \"Copy as fetch\"; copy the request as cURL (bash) instead"_s };
    }
    if (const qsizetype caret = command.indexOf(u"^\""); caret >= 0) {
        return std::pair { caret,
                           u"this is the Windows form, \"Copy as cURL (cmd)\" (^\" quotes); copy the request "
                           "as cURL (bash) instead"_s };
    }
    for (qsizetype i = command.indexOf(u'`'); i >= 0; i = command.indexOf(u'`', i + 1)) {
        qsizetype j = i + 1;
        while (j < command.size() && (command[j] == u' ' || command[j] == u'\t' || command[j] == u'\r'))
            ++j;
        if (j < command.size() && command[j] == u'\n') {
            return std::pair { i,
                               u"a backtick at the end of a line is PowerShell's line continuation; copy the "
                               "request as cURL (bash) instead"_s };
        }
    }
    return std::nullopt;
}

QByteArray percentEncode(const QByteArray &bytes)
{
    // curl --data-urlencode encodes everything but the unreserved characters.
    return bytes.toPercentEncoding();
}

class Parser
{
public:
    Parser(QStringView text, const BrowserProfile &browser, CurlCommand::Error *error)
        : m_text(text)
        , m_browser(browser)
        , m_error(error)
    { }

    std::optional<CurlCommand> run();

private:
    bool fail(qsizetype offset, const QString &message)
    {
        const auto [line, column] = ShellWords::lineAndColumn(m_text, offset);
        *m_error = { offset, line, column, message };
        return false;
    }
    bool apply(const Option &option, const QByteArray &argument, qsizetype optionStart,
               qsizetype argumentStart, const QString &spelled);
    bool addHeaderLine(const QByteArray &line, qsizetype at);
    bool addData(const QByteArray &data, qsizetype at, Action action, const QString &spelled);
    bool setUrl(const QByteArray &url, qsizetype at);
    void note(const QString &line)
    {
        if (!m_command.notes.contains(line))
            m_command.notes.append(line);
    }

    QStringView m_text;
    const BrowserProfile &m_browser;
    CurlCommand::Error *m_error;
    CurlCommand m_command;
    std::optional<QByteArray> m_method;
    bool m_head = false;
    bool m_get = false;
    bool m_globoff = false;
    bool m_urlGiven = false;
    QByteArray m_rawUrl;
    qsizetype m_urlAt = 0;
    QByteArrayList m_data;
    bool m_cookieOption = false;
};

bool Parser::addHeaderLine(const QByteArray &line, qsizetype at)
{
    if (line.startsWith('@'))
        return fail(at, u"-H @file reads headers from a file; paste the headers themselves"_s);
    const qsizetype colon = line.indexOf(':');
    QByteArray name;
    QByteArray value;
    if (colon < 0) {
        // curl: "-H 'X-Empty;'" sends X-Empty with an empty value (Chromium writes empty values so).
        if (!line.endsWith(';'))
            return fail(at, u"\"%1\" is not a header: expected \"Name: value\""_s.arg(text(line)));
        name = line.chopped(1).trimmed();
    } else {
        name = line.left(colon).trimmed();
        value = line.mid(colon + 1);
        qsizetype skip = 0;
        while (skip < value.size() && (value[skip] == ' ' || value[skip] == '\t'))
            ++skip;
        value = value.mid(skip);
        if (value.trimmed().isEmpty()) {
            // curl: "-H 'Accept:'" removes a header curl would send; it sends nothing.
            note(u"-H '%1:' tells curl not to send its own %1 header; it adds nothing to the request"_s.arg(
                text(name)));
            return true;
        }
    }
    if (!HttpHeaders::isToken(name))
        return fail(at, u"\"%1\" is not a header name"_s.arg(text(name)));
    if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
        return fail(at,
                    u"the value of %1 contains a line break or NUL, which no header can"_s.arg(text(name)));
    m_command.sentHeaders.append(name, value);
    return true;
}

bool Parser::addData(const QByteArray &data, qsizetype at, Action action, const QString &spelled)
{
    const auto fromFile = [&] {
        return fail(at,
                    u"%1 %2 reads the body from a file; paste the body itself (DevTools writes it "
                    "inline with --data-raw)"_s.arg(spelled, text(data)));
    };
    switch (action) {
    case Action::Data:
    case Action::DataBinary:
        if (data.startsWith('@'))
            return fromFile();
        m_data.append(data);
        return true;
    case Action::DataRaw:
        m_data.append(data);
        return true;
    case Action::DataUrlencode: {
        // curl(1) --data-urlencode: "content", "=content", "name=content", "@file", "name@file".
        const qsizetype equals = data.indexOf('=');
        const qsizetype atSign = data.indexOf('@');
        if (atSign >= 0 && (equals < 0 || atSign < equals))
            return fromFile();
        if (equals < 0)
            m_data.append(percentEncode(data));
        else if (equals == 0)
            m_data.append(percentEncode(data.mid(1)));
        else
            m_data.append(data.left(equals) + '=' + percentEncode(data.mid(equals + 1)));
        return true;
    }
    default:
        return true;
    }
}

bool Parser::setUrl(const QByteArray &url, qsizetype at)
{
    if (m_urlGiven) {
        return fail(at, u"a second URL (\"%1\"): paste a command for one request"_s.arg(text(url)));
    }
    m_urlGiven = true;
    m_rawUrl = url;
    m_urlAt = at;
    return true;
}

bool Parser::apply(const Option &option, const QByteArray &argument, qsizetype optionStart,
                   qsizetype argumentStart, const QString &spelled)
{
    switch (option.action) {
    case Action::Method:
        if (!HttpHeaders::isToken(argument))
            return fail(argumentStart, u"\"%1\" is not an HTTP method"_s.arg(text(argument)));
        m_method = argument;
        return true;
    case Action::Header:
        return addHeaderLine(argument, argumentStart);
    case Action::Data:
    case Action::DataRaw:
    case Action::DataBinary:
    case Action::DataUrlencode:
        return addData(argument, argumentStart, option.action, spelled);
    case Action::Cookie:
        m_cookieOption = true;
        if (!argument.contains('=')) {
            // curl reads a cookie file when the argument has no "=".
            note(u"-b %1 names a cookie file, which is not pasted along; the request still carries cookies"_s
                     .arg(text(argument)));
            return true;
        }
        m_command.sentHeaders.append(QByteArrayLiteral("Cookie"), argument);
        return true;
    case Action::UserAgent:
        m_command.sentHeaders.append(QByteArrayLiteral("User-Agent"), argument);
        return true;
    case Action::Referer: {
        // curl: "-e URL;auto" also sets the Referer on redirects.
        QByteArray referer = argument;
        if (referer.endsWith(";auto"))
            referer.chop(5);
        m_command.sentHeaders.append(QByteArrayLiteral("Referer"), referer);
        return true;
    }
    case Action::User:
        if (!argument.contains(':')) {
            return fail(argumentStart,
                        u"-u without \":password\" makes curl ask for the password; give user:password"_s);
        }
        m_command.sentHeaders.append(QByteArrayLiteral("Authorization"), "Basic " + argument.toBase64());
        return true;
    case Action::Range:
        m_command.sentHeaders.append(QByteArrayLiteral("Range"), "bytes=" + argument);
        return true;
    case Action::Url:
        return setUrl(argument, argumentStart);
    case Action::Head:
        m_head = true;
        return true;
    case Action::Get:
        m_get = true;
        return true;
    case Action::Globoff:
        m_globoff = true;
        return true;
    case Action::Form:
        return fail(optionStart,
                    u"%1 sends a multipart form that curl builds itself; DevTools writes "
                    "such a body with --data-binary and its Content-Type header"_s.arg(spelled));
    case Action::Ignored:
        if (option.note)
            note(u"%1: %2."_s.arg(spelled, QString::fromLatin1(option.note)));
        return true;
    }
    return true;
}

std::optional<CurlCommand> Parser::run()
{
    if (m_text.size() > CurlCommand::kMaxLength) {
        fail(CurlCommand::kMaxLength,
             u"the command is %1 characters long; CORS Studio reads commands of up to %2 MiB"_s
                 .arg(m_text.size())
                 .arg(CurlCommand::kMaxLength / (qsizetype(1024) * 1024)));
        return std::nullopt;
    }
    if (const auto other = otherForm(m_text)) {
        fail(other->first, other->second);
        return std::nullopt;
    }
    ShellWords::Error splitError;
    const auto words = ShellWords::split(m_text, &splitError);
    if (!words) {
        fail(splitError.offset, splitError.message);
        return std::nullopt;
    }
    if (words->isEmpty()) {
        fail(0, u"there is no command: paste one copied with DevTools' \"Copy as cURL (bash)\""_s);
        return std::nullopt;
    }
    const ShellWords::Word &program = words->first();
    const QByteArray programName = program.text.mid(program.text.lastIndexOf('/') + 1);
    if (programName != "curl" && programName != "curl.exe") {
        fail(program.start,
             u"expected a curl command, not one that starts with \"%1\""_s.arg(text(program.text)));
        return std::nullopt;
    }

    bool optionsEnded = false;
    for (qsizetype i = 1; i < words->size(); ++i) {
        const ShellWords::Word &word = words->at(i);
        const QByteArray &w = word.text;
        if (optionsEnded || !w.startsWith('-') || w == "-") {
            if (w == "curl" && !word.quoted) {
                fail(word.start, u"a second curl command starts here: paste one command"_s);
                return std::nullopt;
            }
            if (!setUrl(w, word.start))
                return std::nullopt;
            continue;
        }
        if (w == "--") {
            optionsEnded = true;
            continue;
        }
        // The argument of an option: the rest of the word (-XPUT) or the next word.
        const auto argumentAfter = [&](const QString &spelled, QByteArray *argument, qsizetype *at) {
            if (i + 1 >= words->size())
                return fail(word.start, u"%1 needs a value, and the command ends here"_s.arg(spelled));
            ++i;
            *argument = words->at(i).text;
            *at = words->at(i).start;
            return true;
        };
        if (w.startsWith("--")) {
            QByteArrayView name = QByteArrayView(w).sliced(2);
            const Option *option = findLong(name);
            if (!option && name.startsWith("no-")) {
                // curl's "--no-<flag>" switches a boolean option off.
                const Option *negated = findLong(name.sliced(3));
                if (negated && !negated->takesArgument) {
                    if (negated->action == Action::Globoff)
                        m_globoff = false;
                    continue;
                }
            }
            const QString spelled = text(w);
            if (!option) {
                fail(word.start,
                     u"curl has no option %1 that CORS Studio knows (it reads what the "
                     "browsers' \"Copy as cURL\" writes)"_s.arg(spelled));
                return std::nullopt;
            }
            QByteArray argument;
            qsizetype at = word.start;
            if (option->takesArgument && !argumentAfter(spelled, &argument, &at))
                return std::nullopt;
            if (!apply(*option, argument, word.start, at, spelled))
                return std::nullopt;
            continue;
        }
        // A cluster of short options: -sSL, -XPUT, -H 'X: 1'.
        for (qsizetype j = 1; j < w.size(); ++j) {
            const QString spelled = u"-"_s + QChar::fromLatin1(w[j]);
            const Option *option = findShort(w[j]);
            if (!option) {
                fail(word.start + j,
                     u"curl has no option %1 that CORS Studio knows (it reads what the "
                     "browsers' \"Copy as cURL\" writes)"_s.arg(spelled));
                return std::nullopt;
            }
            QByteArray argument;
            qsizetype at = word.start + j + 1;
            if (option->takesArgument) {
                if (j + 1 < w.size()) {
                    argument = w.mid(j + 1);
                } else if (!argumentAfter(spelled, &argument, &at)) {
                    return std::nullopt;
                }
                j = w.size();
            }
            if (!apply(*option, argument, word.start, at, spelled))
                return std::nullopt;
        }
    }

    if (!m_urlGiven) {
        fail(m_text.size(), u"the command has no URL"_s);
        return std::nullopt;
    }
    // curl's URL globbing: Chromium escapes [ ] { } with a backslash, Firefox adds --globoff.
    QByteArray url = m_rawUrl;
    if (!m_globoff) {
        QByteArray unescaped;
        bool glob = false;
        for (qsizetype k = 0; k < url.size(); ++k) {
            const char c = url[k];
            if (c == '\\' && k + 1 < url.size() && QByteArrayView("[]{}").contains(url[k + 1])) {
                unescaped.append(url[++k]);
                continue;
            }
            glob = glob || QByteArrayView("[]{}").contains(c);
            unescaped.append(c);
        }
        url = unescaped;
        if (glob) {
            note(u"curl would read [ ] { } in the URL as a glob pattern (for several requests) unless given "
                 "--globoff; they are taken literally here"_s);
        }
    }
    const QUrl parsed = QUrl::fromEncoded(url, QUrl::TolerantMode);
    if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https")
        || parsed.host().isEmpty()) {
        fail(m_urlAt, u"\"%1\" is not an absolute http(s) URL"_s.arg(text(m_rawUrl)));
        return std::nullopt;
    }
    m_command.url = parsed;

    // The method curl sends (curl(1)): -X, else HEAD for -I, POST when there is data, GET.
    if (!m_data.isEmpty()) {
        const QByteArray data = m_data.join('&');
        if (m_get) {
            QUrl withQuery = m_command.url;
            const QByteArray query = withQuery.query(QUrl::FullyEncoded).toUtf8();
            withQuery.setQuery(QString::fromUtf8(query.isEmpty() ? data : query + '&' + data),
                               QUrl::TolerantMode);
            m_command.url = withQuery;
        } else {
            m_command.body = data;
        }
    }
    if (m_method)
        m_command.method = *m_method;
    else if (m_head)
        m_command.method = QByteArrayLiteral("HEAD");
    else if (m_command.body)
        m_command.method = QByteArrayLiteral("POST");
    if (m_command.body && !m_command.sentHeaders.contains("Content-Type")) {
        note(u"The body has no Content-Type header: curl would send application/x-www-form-urlencoded, and "
             "fetch() with a string body sends text/plain;charset=UTF-8 — both CORS-safelisted."_s);
    }

    m_command.pageOrigin = PageOrigin::fromHeaders(m_command.sentHeaders);
    if (!m_command.pageOrigin) {
        note(u"Neither an Origin nor a Referer header says which page sent the request; give the page's "
             "origin."_s);
    }
    if (m_cookieOption) {
        m_command.credentials = true;
        m_command.credentialsEvidence = u"-b"_s;
    } else if (m_command.sentHeaders.contains("Cookie")) {
        m_command.credentials = true;
        m_command.credentialsEvidence = u"a Cookie header"_s;
    }
    const QByteArray requestMethod = m_command.sentHeaders.value("Access-Control-Request-Method").trimmed();
    if (m_command.method == "OPTIONS" && !requestMethod.isEmpty()) {
        // A copied preflight (Fetch §4.8): what the composer needs is the request it was sent for —
        // its method, and the CORS-unsafe header names the page set, values unknown.
        m_command.preflightFor = true;
        m_command.method = requestMethod;
        m_command.body.reset();
        const AuthorHeaders::Result author = AuthorHeaders::fromRecorded(
            {}, m_browser,
            AuthorHeaders::parseRequestHeaderNames(
                m_command.sentHeaders.combinedValue("Access-Control-Request-Headers")));
        m_command.headers = author.headers;
        for (const auto &[name, value] : m_command.sentHeaders) {
            m_command.droppedHeaders.append(
                { name, value, u"a header of the preflight, not of the request it was sent for"_s });
        }
        note(u"This is a preflight (OPTIONS with Access-Control-Request-Method): the request it was sent for "
             "is a %1, with the header names of its Access-Control-Request-Headers and placeholder values."_s
                 .arg(text(requestMethod)));
        return m_command;
    }
    const AuthorHeaders::Result author = AuthorHeaders::fromRecorded(m_command.sentHeaders, m_browser);
    m_command.headers = author.headers;
    m_command.droppedHeaders = author.dropped;
    return m_command;
}

} // namespace

QString CurlCommand::Error::toString() const
{
    return u"line %1, column %2: %3"_s.arg(line).arg(column).arg(message);
}

FetchSpec CurlCommand::toFetchSpec() const
{
    FetchSpec spec;
    spec.pageOrigin = pageOrigin ? pageOrigin->origin : Origin::opaque();
    const QByteArray referer = sentHeaders.value("Referer");
    if (!referer.isNull() && pageOrigin && !pageOrigin->origin.isOpaque()) {
        const QUrl refererUrl(QString::fromUtf8(referer));
        if (Origin::ofUrl(refererUrl) == pageOrigin->origin)
            spec.pageUrl = refererUrl;
    }
    spec.url = url;
    spec.method = method;
    spec.headers = headers;
    spec.credentials = credentials ? CredentialsMode::Include : CredentialsMode::SameOrigin;
    spec.mode = RequestMode::Cors;
    return spec;
}

std::optional<CurlCommand> CurlCommand::parse(QStringView text, const BrowserProfile &browser, Error *error)
{
    Error ignored;
    return Parser(text, browser, error ? error : &ignored).run();
}

} // namespace cors
