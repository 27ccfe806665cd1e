#pragma once

#include "bundle/bundle.h"

#include <QMainWindow>

namespace cors {

// The CORS Studio main window.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const Bundle &bundle, QWidget *parent = nullptr);
};

} // namespace cors
