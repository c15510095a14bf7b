package org.krepro.runner.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemanglerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            _RNvCscSpY9Juk0HT_7___rustc17rust_begin_unwind | __rustc::rust_begin_unwind
            _RNvMs3_NtCshgDM7dBCdno_11rust_binder7processNtB5_7Process10update_ref | <rust_binder::process::Process>::update_ref
            _RNvCs1234_7mycrate3foo | mycrate::foo
            _RINvCs1234_7mycrate3fooNtB2_3BarE | mycrate::foo::<mycrate::Bar>
            _RNvXs_Cs1234_7mycrateNtB4_3FooNtNtCs5678_4core3fmt5Debug3fmt | <mycrate::Foo as core::fmt::Debug>::fmt
            _RNCNvCs1234_7mycrate4main0B3_ | mycrate::main::{closure#0}
            _Z8fakeNameiii | fakeName
            _ZN6kernel4sync5mutexEv | kernel::sync::mutex
            ext4_dirty_folio | ext4_dirty_folio
            _Rgarbage | _Rgarbage
            _ZNfoo | _ZNfoo
            """)
    void demangles(String mangled, String expected) {
        assertEquals(expected, Demangler.demangle(mangled));
    }
}
