/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test_export.h - internals made visible to the KUnit module only.
 *
 * kflow_test.ko (kmod/tests/) exercises the pure logic of kflow.ko: key
 * extraction, the flow table and the netlink codecs.  It reaches those
 * functions through exports in the KFLOW_TEST symbol namespace, which exist
 * only in a kernel built with CONFIG_KUNIT (the debug kernel); a production
 * build exports nothing extra.  The tests import the namespace with
 * MODULE_IMPORT_NS(KFLOW_TEST).
 */
#ifndef _KFLOW_TEST_EXPORT_H
#define _KFLOW_TEST_EXPORT_H

#include <linux/export.h>

#if IS_ENABLED(CONFIG_KUNIT)
#define EXPORT_SYMBOL_IF_KFLOW_TEST(sym) EXPORT_SYMBOL_NS_GPL(sym, KFLOW_TEST)
#else
#define EXPORT_SYMBOL_IF_KFLOW_TEST(sym)
#endif

#endif /* _KFLOW_TEST_EXPORT_H */
