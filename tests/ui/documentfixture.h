#pragma once

#include "bundle/bundlereader.h"
#include "document/workspacedocument.h"
#include "storage/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace cors::test {

// A designer document over a real workspace file in a temporary directory.
struct DocumentFixture
{
    QTemporaryDir dir;
    QString fileName = dir.filePath(QStringLiteral("test.corsworkspace"));
    std::unique_ptr<WorkspaceDocument> document;

    // `name`: the workspace file, relative to the current directory when not empty (pictures
    // show it); otherwise one in a fresh temporary directory.
    explicit DocumentFixture(const QString &name = QString())
    {
        if (!name.isEmpty())
            fileName = name;
        auto workspace = Workspace::open(fileName, Workspace::OpenMode::EditOrCreate);
        if (!workspace)
            qFatal("cannot create the workspace: %s", qPrintable(workspace.errorMessage()));
        QString error;
        document = WorkspaceDocument::load(std::move(*workspace), &error);
        if (!document)
            qFatal("cannot load the workspace: %s", qPrintable(error));
    }

    // What a second, read-only reader of the file sees: proves an edit reached the disk.
    QList<Tenant> tenantsOnDisk() const
    {
        auto reader = Workspace::open(fileName, Workspace::OpenMode::ReadOnly);
        if (!reader)
            qFatal("cannot read the workspace: %s", qPrintable(reader.errorMessage()));
        return (*reader)->tenants().value();
    }

    static Bundle demoBundle()
    {
        QFile file(QStringLiteral(":/cors/demo/demo.corsbundle.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("no demo bundle");
        JsonProblems problems;
        return *BundleReader::read(file.readAll(), &problems);
    }

    static Rule rule(const QString &domain)
    {
        Rule r;
        r.domain = domain;
        r.protocols = Protocol::Https;
        r.methods = { QStringLiteral("GET"), QStringLiteral("PUT") };
        return r;
    }
};

} // namespace cors::test
