#pragma once

#include <QUndoCommand>

#include <functional>

namespace cors {

// Inserts an item (a rule, an application, a test case) at a row of one of a tenant's lists; undo
// removes it. The document functions do the work, so the workspace and the views follow.
template<typename Item> class InsertItemCommand : public QUndoCommand
{
public:
    using Insert = std::function<bool(int row, const Item &item)>;
    using Remove = std::function<bool(int row)>;

    InsertItemCommand(const QString &text, int row, Item item, Insert insert, Remove remove,
                      QUndoCommand *parent = nullptr)
        : QUndoCommand(text, parent)
        , m_row(row)
        , m_item(std::move(item))
        , m_insert(std::move(insert))
        , m_remove(std::move(remove))
    { }

    void redo() override { setObsolete(!m_insert(m_row, m_item)); }
    void undo() override { m_remove(m_row); }

private:
    int m_row;
    Item m_item;
    Insert m_insert;
    Remove m_remove;
};

} // namespace cors
