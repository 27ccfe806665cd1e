#pragma once

#include <QUndoCommand>

#include <functional>

namespace cors {

// Removes an item from one of a tenant's lists; undo puts the same item back at the same row.
template<typename Item> class RemoveItemCommand : public QUndoCommand
{
public:
    using Insert = std::function<bool(int row, const Item &item)>;
    using Remove = std::function<bool(int row)>;

    RemoveItemCommand(const QString &text, int row, Item item, Insert insert, Remove remove,
                      QUndoCommand *parent = nullptr)
        : QUndoCommand(text, parent)
        , m_row(row)
        , m_item(std::move(item))
        , m_insert(std::move(insert))
        , m_remove(std::move(remove))
    { }

    void redo() override { setObsolete(!m_remove(m_row)); }
    void undo() override { m_insert(m_row, m_item); }

private:
    int m_row;
    Item m_item;
    Insert m_insert;
    Remove m_remove;
};

} // namespace cors
