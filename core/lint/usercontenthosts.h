#pragma once

#include <QStringList>

namespace cors {

// Hosting services that give each customer (anyone who signs up) a subdomain of their own domain,
// so that `*.<domain>` trusts pages anyone can publish.
//
// The Public Suffix List's private section is the authority for this (github.io, herokuapp.com,
// vercel.app, netlify.app, pages.dev, web.app, firebaseapp.com, azurewebsites.net,
// cloudfront.net, s3.amazonaws.com, blogspot.com, glitch.me, repl.co, ngrok.io … are all in it)
// and the linter asks it first. This list holds only well-known user-content domains that the
// list Debian 12 ships (publicsuffix 20230209) does not contain; an entry that later reaches the
// PSL costs nothing here.
class UserContentHosts
{
public:
    static const QStringList &domains();
    // Whether `domain` (canonical, lower-case) is one of them.
    static bool contains(QStringView domain);
};

} // namespace cors
