// Reordering by hand: drag an item's handle with a mouse, a pen or a finger (pointer events,
// so touch works too), or focus the handle and press the arrow keys. Only in "my order".

/**
 * list: the ul; canReorder(): whether the current sort allows it; move(from, to, li) does the
 * work (and refocuses). Returns the handlers renderItem's actions need.
 */
export function reorderHandlers(list, {canReorder, move}) {
  function indexOf(li) {
    return [...list.children].indexOf(li);
  }

  function handleKey(event, li) {
    if (!canReorder() || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const from = indexOf(li);
    const to = event.key === 'ArrowUp' ? from - 1 : from + 1;
    if (to >= 0 && to < list.children.length) move(from, to, li);
  }

  function handlePointer(event, li) {
    if (!canReorder() || event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    li.classList.add('dragging');
    const from = indexOf(li);
    let to = from;
    const onMove = moveEvent => {
      to = targetIndex(moveEvent.clientY, from);
      for (const [index, item] of [...list.children].entries()) {
        item.classList.toggle('drop-before', index === to && to < from);
        item.classList.toggle('drop-after', index === to && to > from);
      }
    };
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      handle.removeEventListener('pointercancel', onUp);
      for (const item of list.children) item.classList.remove('dragging', 'drop-before', 'drop-after');
      if (to !== from) move(from, to, li);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
    handle.addEventListener('pointercancel', onUp);
  }

  /** The index the dragged item lands on: the item under the pointer, or the first/last beyond them. */
  function targetIndex(y, from) {
    const items = [...list.children];
    for (const [index, item] of items.entries()) {
      const box = item.getBoundingClientRect();
      if (y < box.bottom) return y < box.top && index > 0 ? index - 1 : index;
    }
    return items.length > 0 ? items.length - 1 : from;
  }

  return {handleKey, handlePointer};
}
