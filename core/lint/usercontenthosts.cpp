#include "usercontenthosts.h"

using namespace Qt::StringLiterals;

namespace cors {

const QStringList &UserContentHosts::domains()
{
    // Each hands out <name>.<domain> to any account holder.
    static const QStringList list = {
        u"amplifyapp.com"_s, // AWS Amplify Hosting
        u"codesandbox.io"_s, // CodeSandbox previews
        u"csb.app"_s, // CodeSandbox previews
        u"github.dev"_s, // GitHub Codespaces forwarded ports (app.github.dev)
        u"gitpod.io"_s, // Gitpod workspaces
        u"googleusercontent.com"_s, // Google-hosted user content
        u"loca.lt"_s, // localtunnel
        u"neocities.org"_s, // Neocities sites
        u"ngrok-free.app"_s, // ngrok tunnels
        u"ngrok.app"_s, // ngrok tunnels
        u"ngrok.dev"_s, // ngrok tunnels
        u"railway.app"_s, // Railway deployments
        u"replit.app"_s, // Replit deployments
        u"replit.dev"_s, // Replit workspaces
        u"stackblitz.io"_s, // StackBlitz previews
        u"surge.sh"_s, // Surge static sites
        u"tumblr.com"_s, // Tumblr blogs
        u"webflow.io"_s, // Webflow staging sites
        u"weebly.com"_s, // Weebly sites
        u"wordpress.com"_s, // WordPress.com blogs
    };
    return list;
}

bool UserContentHosts::contains(QStringView domain)
{
    for (const QString &entry : domains()) {
        if (domain == entry)
            return true;
    }
    return false;
}

} // namespace cors
